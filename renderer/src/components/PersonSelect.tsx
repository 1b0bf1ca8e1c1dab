import { PlusOutlined } from '@ant-design/icons';
import { Button, Divider, Select } from 'antd';
import { useEffect, useState } from 'react';
import type { Person } from '../../../shared/domain/schemas';
import { call, useCall } from '../api';
import { rememberPeople, usePeople } from '../personLabels';
import { useDebounced } from '../useDebounced';

type Props = {
  /** Where a person added inline is placed (the topic's branch). */
  defaultUnitId?: string | null;
  placeholder?: string;
  style?: React.CSSProperties;
  id?: string;
  onKeyDown?: React.KeyboardEventHandler;
  autoFocus?: boolean;
  /** The × that empties the choice; off in the grid, where Tab and Enter must never land on it. */
  allowClear?: boolean;
  size?: 'small' | 'middle' | 'large';
  /** The list open from the start (the grid mounts the control when its cell is clicked). */
  defaultOpen?: boolean;
} & ({ multiple: true; value?: string[]; onChange?: (v: string[]) => void } | { multiple?: false; value?: string | null; onChange?: (v: string | null) => void });

/** How many matches a search shows: enough to pick from, small at any roster size. */
const MATCHES = 30;

/**
 * 责任人 / 负责人 from the roster, searched in the core as the clerk types (the
 * list is asked for only while open); the chosen people's names come from one
 * shared lookup (personLabels.ts). A name not on the roster can be added on the spot.
 */
export function PersonSelect(props: Props) {
  const [open, setOpen] = useState(props.defaultOpen ?? false);
  const [search, setSearch] = useState('');
  const [adding, setAdding] = useState(false);
  const name = search.trim();
  const q = useDebounced(name, 150);
  // Before anything is typed: the people of the topic's branch first.
  const { data } = useCall('person.list', open ? (q ? { q, limit: MATCHES } : { limit: MATCHES, ...(props.defaultUnitId ? { unitId: props.defaultUnitId } : {}) }) : null);
  useEffect(() => {
    if (data) rememberPeople(data);
  }, [data]);
  const chosenIds = props.multiple ? (props.value ?? []) : props.value ? [props.value] : [];
  const people = usePeople(chosenIds);
  const chosen = chosenIds.map((id) => people.get(id)).filter((p): p is Person => Boolean(p));
  const listed = new Map([...chosen, ...(data ?? [])].map((p) => [p.id, p]));
  const options = [...listed.values()].map((p) => ({ value: p.id, label: p.name, desc: p.unitName ?? '' }));
  const exists = (data ?? []).some((p) => p.name === name);

  const addPerson = async () => {
    if (!name || adding) return;
    setAdding(true);
    const person = await call('person.create', { name, unitId: props.defaultUnitId ?? null }, { success: `已新增人员「${name}」` });
    setAdding(false);
    if (!person) return;
    rememberPeople([person]);
    setSearch('');
    if (props.multiple) props.onChange?.([...(props.value ?? []), person.id]);
    else props.onChange?.(person.id);
  };

  return (
    <Select
      id={props.id}
      mode={props.multiple ? 'multiple' : undefined}
      size={props.size}
      maxTagCount="responsive"
      style={props.style}
      autoFocus={props.autoFocus}
      value={props.multiple ? (props.value ?? []) : (props.value ?? undefined)}
      onChange={(v: string | string[] | undefined) => {
        setSearch('');
        if (props.multiple) props.onChange?.((v as string[]) ?? []);
        else props.onChange?.((v as string | undefined) ?? null);
      }}
      allowClear={props.allowClear ?? true}
      open={open}
      onOpenChange={setOpen}
      placeholder={props.placeholder ?? '输入姓名搜索'}
      options={options}
      optionRender={(o) => (
        <span>
          {o.label}
          {o.data.desc && <span style={{ color: '#999', marginLeft: 8, fontSize: 12 }}>{o.data.desc}</span>}
        </span>
      )}
      // The core has filtered already; the options are its answer (plus the chosen ones).
      showSearch={{ filterOption: false, searchValue: search, onSearch: setSearch, autoClearSearchValue: true }}
      onKeyDown={props.onKeyDown}
      notFoundContent={!data ? '正在查找……' : name ? `名册中没有「${name}」` : '名册为空'}
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
