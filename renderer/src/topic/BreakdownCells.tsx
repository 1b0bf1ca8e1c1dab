import { Input, Select, Tooltip, Typography } from 'antd';
import { memo, useEffect, useRef, useState, type ReactNode } from 'react';
import { EDITABLE_SUBTOPIC_STATUSES } from '../../../shared/domain/enums';
import type { FieldDesc } from '../../../shared/fields';
import { DeadlineInput } from '../components/DeadlineInput';
import { PersonSelect } from '../components/PersonSelect';

/*
 * The breakdown grid's editable cells, each memoized: a key typed in one cell
 * draws that cell again, not every control of every row. Measured with
 * `npm run bench -- screens` (key → character in a 25-row grid) and, for the
 * same sheet drawn alone at 25/100/300 rows, `npm run bench -- grids`.
 */

/** The controlled cells of a row being edited (the typed cells are in `cells`). */
export interface RowPatch {
  ownerIds?: string[];
  deadline?: string;
  status?: string;
}

/**
 * What a cell tells the grid. The grid passes one object for the life of the
 * sheet, whose methods read its latest state through a ref, so these props
 * never change and never draw a cell again by themselves.
 */
export interface CellActions {
  text(rowKey: string, field: string, text: string): void;
  patch(rowKey: string, patch: RowPatch): void;
  key(rowKey: string, col: string, e: React.KeyboardEvent): void;
}

export const cellId = (key: string, col: string) => `cell-${key}-${col}`;

/** A typed cell of a described field: its label as placeholder, its own rule's sentence under it when refused. */
export const TextCell = memo(function TextCell({ rowKey, field, text, error, actions }: { rowKey: string; field: FieldDesc; text: string; error?: string; actions: CellActions }) {
  const common = {
    id: cellId(rowKey, field.key),
    size: 'small' as const,
    value: text,
    placeholder: field.label,
    status: error ? ('error' as const) : undefined,
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => actions.text(rowKey, field.key, e.target.value),
    onKeyDown: (e: React.KeyboardEvent) => actions.key(rowKey, field.key, e),
    'aria-label': field.label,
  };
  // Short entries (编号, numbers) on one line; longer text wraps and grows.
  const input = field.kind === 'number' || (field.max ?? 0) <= 50 ? <Input {...common} /> : <Input.TextArea {...common} autoSize={{ minRows: 1, maxRows: 6 }} />;
  return error ? (
    <Tooltip title={error} open color="red" placement="bottom">
      {input}
    </Tooltip>
  ) : (
    input
  );
});

/**
 * A saved row's list or date control drawn first as its text in a plain box,
 * and as the real control once the clerk comes to it (a click, Tab, or a
 * focus from Enter): three antd controls in each of 25 rows were most of the
 * time a topic took to open. The box has the control's id, so Tab order and
 * focus by id work the same; the control takes the focus where the box had it.
 * `shown` undefined: the control at once (a new or edited row).
 */
function FocusToEdit({ id, label, shown, wide = true, children }: { id: string; label: string; shown?: string; wide?: boolean; children: (clicked: boolean) => ReactNode }) {
  const [live, setLive] = useState(shown === undefined);
  const focusOnMount = useRef(false);
  // Come to by a click: a list opens at once, as the control would have opened on that click.
  const clicked = useRef(false);
  useEffect(() => {
    if (!live || !focusOnMount.current) return;
    focusOnMount.current = false;
    const el = document.getElementById(id);
    el?.focus();
    if (el instanceof HTMLInputElement && el.type !== 'search') el.select();
  }, [live, id]);
  if (live || shown === undefined) return <>{children(clicked.current)}</>;
  return (
    <input
      id={id}
      className={`cell-lazy${wide ? '' : ' cell-lazy-narrow'}`}
      readOnly
      value={shown}
      aria-label={label}
      onMouseDown={() => (clicked.current = true)}
      onFocus={() => {
        focusOnMount.current = true;
        setLive(true);
      }}
    />
  );
}

/** 责任人: the core's person search; never a clear button (Tab and Enter must not land on it). `shown`: the saved names, until the clerk comes to the cell. */
export const OwnersCell = memo(function OwnersCell({ rowKey, ids, shown, defaultUnitId, actions }: { rowKey: string; ids: string[]; shown?: string; defaultUnitId: string | null; actions: CellActions }) {
  const id = cellId(rowKey, 'owners');
  return (
    <FocusToEdit id={id} label="责任人" shown={shown}>
      {(clicked) => <PersonSelect multiple allowClear={false} size="small" id={id} defaultOpen={clicked} value={ids} onChange={(v) => actions.patch(rowKey, { ownerIds: v })} defaultUnitId={defaultUnitId} style={{ width: '100%' }} />}
    </FocusToEdit>
  );
});

/** 完成时限 as typed (a day or words such as 长期坚持), with what was understood and the period warning beneath; 原定 after an extension. */
export const DeadlineCell = memo(function DeadlineCell({
  rowKey,
  value,
  hint,
  warning,
  originally,
  shown,
  actions,
}: {
  rowKey: string;
  value: string;
  hint: boolean;
  warning: string | null;
  originally?: string | null;
  shown?: string;
  actions: CellActions;
}) {
  const id = cellId(rowKey, 'deadline');
  return (
    <div>
      <FocusToEdit id={id} label="完成时限" shown={shown}>
        {() => <DeadlineInput id={id} size="small" value={value} onChange={(d) => actions.patch(rowKey, { deadline: d })} onKeyDown={(e) => actions.key(rowKey, 'deadline', e)} hint={hint} warning={warning} />}
      </FocusToEdit>
      {originally && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          原定 {originally}
        </Typography.Text>
      )}
    </div>
  );
});

/** 状态: the statuses a clerk may set; a status set by an action (待验收…) shown but not offered. */
export const StatusSelect = memo(function StatusSelect({ rowKey, status, shown, actions }: { rowKey: string; status: string; shown?: string; actions: CellActions }) {
  const id = cellId(rowKey, 'status');
  return (
    <FocusToEdit id={id} label="状态" shown={shown} wide={false}>
      {(clicked) => (
        <Select
          id={id}
          defaultOpen={clicked}
          size="small"
          value={status}
          style={{ width: 82, flex: 'none' }}
          onChange={(st) => actions.patch(rowKey, { status: st })}
          options={[...((EDITABLE_SUBTOPIC_STATUSES as readonly string[]).includes(status) ? [] : [{ value: status, label: status, disabled: true }]), ...EDITABLE_SUBTOPIC_STATUSES.map((x) => ({ value: x, label: x }))]}
          aria-label="状态"
        />
      )}
    </FocusToEdit>
  );
});
