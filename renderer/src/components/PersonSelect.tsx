import { PlusOutlined } from '@ant-design/icons';
import { Button, Divider, Select } from 'antd';
import { useState } from 'react';
import { call, useCall } from '../api';

type Props = {
  /** Where a person added inline is placed (the topic's branch). */
  defaultUnitId?: string | null;
  placeholder?: string;
  style?: React.CSSProperties;
  id?: string;
  onKeyDown?: React.KeyboardEventHandler;
  autoFocus?: boolean;
} & ({ multiple: true; value?: string[]; onChange?: (v: string[]) => void } | { multiple?: false; value?: string | null; onChange?: (v: string | null) => void });

/** 责任人 / 负责人 from the roster, searchable; a name not on the roster can be added on the spot. */
export function PersonSelect(props: Props) {
  const { data } = useCall('person.list', {});
  const [search, setSearch] = useState('');
  const [adding, setAdding] = useState(false);
  const options = (data ?? []).map((p) => ({ value: p.id, label: p.name, desc: p.unitName ?? '' }));
  const name = search.trim();
  const exists = (data ?? []).some((p) => p.name === name);

  const addPerson = async () => {
    if (!name || adding) return;
    setAdding(true);
    const person = await call('person.create', { name, unitId: props.defaultUnitId ?? null }, { success: `已新增人员「${name}」` });
    setAdding(false);
    if (!person) return;
    setSearch('');
    if (props.multiple) props.onChange?.([...(props.value ?? []), person.id]);
    else props.onChange?.(person.id);
  };

  return (
    <Select
      id={props.id}
      mode={props.multiple ? 'multiple' : undefined}
      style={props.style}
      autoFocus={props.autoFocus}
      value={props.multiple ? (props.value ?? []) : (props.value ?? undefined)}
      onChange={(v: string | string[] | undefined) => {
        setSearch('');
        if (props.multiple) props.onChange?.((v as string[]) ?? []);
        else props.onChange?.((v as string | undefined) ?? null);
      }}
      allowClear
      placeholder={props.placeholder ?? '输入姓名搜索'}
      options={options}
      optionRender={(o) => (
        <span>
          {o.label}
          {o.data.desc && <span style={{ color: '#999', marginLeft: 8, fontSize: 12 }}>{o.data.desc}</span>}
        </span>
      )}
      showSearch={{ optionFilterProp: 'label', searchValue: search, onSearch: setSearch, autoClearSearchValue: true }}
      onKeyDown={props.onKeyDown}
      notFoundContent={name ? `名册中没有「${name}」` : '名册为空'}
      popupRender={(menu) => (
        <>
          {menu}
          {name && !exists && (
            <>
              <Divider style={{ margin: '4px 0' }} />
              <Button type="link" icon={<PlusOutlined />} loading={adding} onMouseDown={(e) => e.preventDefault()} onClick={() => void addPerson()} block style={{ textAlign: 'left' }}>
                新增人员「{name}」
              </Button>
            </>
          )}
        </>
      )}
    />
  );
}
