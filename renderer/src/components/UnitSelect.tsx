import { Select } from 'antd';
import type { UnitKind } from '../../../shared/domain/enums';
import { useCall } from '../api';

/** A unit of the given kinds (党支部 for branches, 部门 for departments), searchable by name. */
export function UnitSelect({
  kinds,
  value,
  onChange,
  placeholder,
  allowClear = true,
  style,
  id,
}: {
  kinds?: UnitKind[];
  value?: string | null;
  onChange?: (v: string | null) => void;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  id?: string;
}) {
  const { data } = useCall('unit.list', {});
  const options = (data ?? []).filter((u) => !kinds || kinds.includes(u.kind)).map((u) => ({ value: u.id, label: u.name, title: `${u.name}（${u.kind}）` }));
  return (
    <Select
      id={id}
      style={style}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      options={options}
      placeholder={placeholder ?? '请选择'}
      allowClear={allowClear}
      showSearch={{ optionFilterProp: 'label' }}
      notFoundContent="没有匹配的组织"
    />
  );
}
