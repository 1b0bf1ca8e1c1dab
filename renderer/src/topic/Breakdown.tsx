import { CopyOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Space, Table, Tag, Tooltip, Typography, type TableColumnType } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TopicDetail } from '../../../shared/contract/topics';
import { EDITABLE_SUBTOPIC_STATUSES } from '../../../shared/domain/enums';
import type { Subtopic } from '../../../shared/domain/schemas';
import { fromFormText, toFormText, type FieldDesc } from '../../../shared/fields';
import { call, notifySuccess } from '../api';
import { clipboardHtml, deadlineFields, deadlineOutsidePeriod, writeClipboardTable } from '../../../shared/values';
import { readTypedDate } from '../components/DeadlineInput';
import { registerDirty } from '../nav';
import { STATUS_COLORS } from '../pages/TopicList';
import { BreakdownPaste, type PasteAt } from './BreakdownPaste';
import { SubtopicActionModal, type SubtopicAction } from './SubtopicActions';
import { RowOps, type RowOpsActions } from './RowOps';
import { DeadlineCell, OwnersCell, StatusSelect, TextCell, cellId, type CellActions, type RowPatch } from './BreakdownCells';
import { CELL_FIELDS, SHEET_FIELDS, columnTitle, deadlineLabel, isBlock, sheetRowOf, singleCellText } from './subtopicSheet';

/** One row being edited: the cells as the clerk typed them. */
interface Draft {
  /** The typed cells by field key (编号, 小课题名称, 推进措施, 预算…). */
  cells: Record<string, string>;
  ownerIds: string[];
  deadline: string;
  status: string;
}
interface Row {
  key: string;
  subtopic?: Subtopic;
}

const fromSubtopic = (s: Subtopic): Draft => ({
  cells: Object.fromEntries(CELL_FIELDS.map((f) => [f.key, toFormText((s as unknown as Record<string, unknown>)[f.key])])),
  ownerIds: s.owners.map((o) => o.id),
  deadline: deadlineLabel(s),
  status: s.status,
});
const EMPTY: Draft = { cells: Object.fromEntries(CELL_FIELDS.map((f) => [f.key, ''])), ownerIds: [], deadline: '', status: '未开始' };
const same = (a: Draft, b: Draft) => JSON.stringify(a) === JSON.stringify(b);

/** The grid row and column (an index into SHEET_FIELDS) of a focused cell, for a block pasted into it. */
function cellAt(el: Element | null): { rowKey: string; column: number } | null {
  const m = /^cell-(.+)-([A-Za-z]+)$/.exec(el?.id ?? '');
  if (!m) return null;
  const key = m[2] === 'owners' ? 'ownerIds' : m[2];
  return { rowKey: m[1]!, column: Math.max(0, SHEET_FIELDS.findIndex((f) => f.key === key)) };
}

/** Rows as Excel puts its own on the clipboard: tab-separated text and an HTML table. */
function putRows(data: DataTransfer, rows: string[][]): void {
  data.setData('text/plain', writeClipboardTable(rows));
  data.setData('text/html', clipboardHtml(rows));
}

/**
 * Rows onto the clipboard as Excel puts its own: tab-separated text and an
 * HTML table (which Excel and WPS prefer). Through the copy event, because the
 * window allows no clipboard permission (electron/main: every permission is
 * refused) and the event needs none.
 */
function copyRows(rows: string[][]): boolean {
  const onCopy = (e: ClipboardEvent) => {
    e.preventDefault();
    if (e.clipboardData) putRows(e.clipboardData, rows);
  };
  document.addEventListener('copy', onCopy, { once: true });
  const ok = document.execCommand('copy');
  document.removeEventListener('copy', onCopy);
  return ok;
}

/** The first cell the contract would refuse, with its sentence (e.g. 备注不能超过 2000 个字); none when the row can be saved. */
function draftError(d: Draft): { key: string; message: string } | undefined {
  for (const f of CELL_FIELDS) {
    const r = fromFormText(f, d.cells[f.key] ?? '');
    if (!r.ok) return { key: f.key, message: r.message };
  }
  return undefined;
}
/** The typed cells as the contract's values (only called once draftError found nothing). */
const cellValues = (d: Draft, keys: readonly FieldDesc[] = CELL_FIELDS): Record<string, unknown> =>
  Object.fromEntries(keys.map((f) => { const r = fromFormText(f, d.cells[f.key] ?? ''); return [f.key, r.ok ? r.value : null]; }));

let newSeq = 0;

/** The deadline cell as it would be stored, or the reason it cannot be (the same parser as the import). */
const deadlineOf = (d: Draft) => deadlineFields(readTypedDate(d.deadline, true));

/**
 * The grid's own Tab: to the next (Shift: previous) editable cell in reading
 * order, the next row's first after a row's last. Done before the controls
 * see the key, so an open 责任人 list does not take the highlighted person
 * and focus never stops on a control's inner buttons (the × that cleared
 * both owners) or on the row's operation buttons.
 */
function tabToNextCell(grid: HTMLElement, e: React.KeyboardEvent): void {
  if (e.key !== 'Tab' || e.ctrlKey || e.altKey || e.metaKey) return;
  const from = e.target as HTMLElement;
  if (!from.id.startsWith('cell-')) return;
  const cells = [...grid.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input[id^="cell-"], textarea[id^="cell-"]')];
  const next = cells[cells.indexOf(from as HTMLInputElement) + (e.shiftKey ? -1 : 1)];
  if (!next) return; // past the last cell: on to the buttons below, as the browser would
  e.preventDefault();
  e.stopPropagation();
  from.blur(); // closes an open list (责任人, 完成时限 suggestions) without picking from it
  next.focus();
  if (next.type !== 'search') next.select(); // typing replaces the cell, as in Excel
}

/**
 * 课题分解: the sub-topics as an editable sheet. Every cell is an input;
 * Tab / Shift+Tab move cell to cell, Enter saves the row and goes down (a new
 * row after the last), Shift+Enter is a line break, Esc undoes the row (a new
 * row with something typed only after asking), Ctrl+S saves every row. Rows
 * with unsaved edits are yellow and are never dropped without asking.
 */
export function Breakdown({ detail }: { detail: TopicDetail }) {
  const { topic, subtopics, locked } = detail;
  const { modal } = AntApp.useApp();
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [newKeys, setNewKeys] = useState<string[]>([]);
  const [saving, setSaving] = useState<Record<string, boolean>>({});
  const [action, setAction] = useState<{ kind: SubtopicAction; subtopic: Subtopic } | null>(null);
  const byId = useMemo(() => new Map(subtopics.map((s) => [s.id, s])), [subtopics]);
  const gridRef = useRef<HTMLDivElement>(null);

  const rows: Row[] = useMemo(() => [...subtopics.map((s) => ({ key: s.id, subtopic: s })), ...newKeys.map((key) => ({ key }))], [subtopics, newKeys]);
  // Each saved row's cells once per load: the same objects every render, so a memoized cell of a row not being edited is not drawn again.
  const savedDrafts = useMemo(() => new Map(subtopics.map((s) => [s.id, fromSubtopic(s)])), [subtopics]);
  const valueOf = useCallback((key: string): Draft => drafts[key] ?? savedDrafts.get(key) ?? EMPTY, [drafts, savedDrafts]);
  const isDirty = useCallback(
    (key: string) => {
      const d = drafts[key];
      if (!d) return false;
      const saved = savedDrafts.get(key);
      return saved ? !same(d, saved) : !same(d, EMPTY);
    },
    [drafts, savedDrafts],
  );

  const setCell = (key: string, patch: RowPatch) => setDrafts((all) => ({ ...all, [key]: { ...valueOf(key), ...(all[key] ?? {}), ...patch } }));
  const setText = (key: string, field: string, text: string) =>
    setDrafts((all) => {
      const d = all[key] ?? valueOf(key);
      return { ...all, [key]: { ...d, cells: { ...d.cells, [field]: text } } };
    });
  const discard = (key: string) => {
    setDrafts(({ [key]: _gone, ...rest }) => rest);
    if (!byId.has(key)) setNewKeys((ks) => ks.filter((k) => k !== key));
  };

  const save = async (key: string): Promise<boolean> => {
    const d = drafts[key];
    if (!d || !isDirty(key)) {
      if (!byId.has(key)) discard(key);
      return true;
    }
    const err = draftError(d);
    if (err) {
      document.getElementById(cellId(key, err.key))?.focus();
      return false;
    }
    const s = byId.get(key);
    const deadlineChanged = !s || d.deadline !== fromSubtopic(s).deadline;
    const parsed = deadlineOf(d);
    if (deadlineChanged && 'message' in parsed) {
      // The reason is shown under the cell; nothing is saved as text that was meant as a day.
      document.getElementById(cellId(key, 'deadline'))?.focus();
      return false;
    }
    const { deadline, deadlineText } = 'message' in parsed ? { deadline: null, deadlineText: d.deadline } : parsed;
    // A deadline outside the topic's period is saved only once the clerk has said so; the core records the acceptance.
    const warning = deadlineChanged ? deadlineOutsidePeriod(deadline, topic) : null;
    if (warning && !(await modal.confirm({ title: '完成时限超出课题周期', content: `${warning}。仍然保存吗？`, okText: '仍然保存', cancelText: '返回修改' }))) {
      document.getElementById(cellId(key, 'deadline'))?.focus();
      return false;
    }
    const acceptWarning = warning ? true : undefined;
    setSaving((m) => ({ ...m, [key]: true }));
    let ok: unknown;
    if (s) {
      const before = fromSubtopic(s);
      const patch: Record<string, unknown> = cellValues(d, CELL_FIELDS.filter((f) => d.cells[f.key] !== before.cells[f.key]));
      if (JSON.stringify(d.ownerIds) !== JSON.stringify(before.ownerIds)) patch.ownerIds = d.ownerIds;
      if (d.deadline !== before.deadline) Object.assign(patch, { deadline, deadlineText });
      if (d.status !== before.status) patch.status = d.status;
      ok = await call('subtopic.update', { id: s.id, ...patch, acceptWarning });
    } else {
      const values = cellValues(d);
      ok = await call('subtopic.create', {
        ...values,
        topicId: topic.id,
        code: (values.code as string) || String(rows.findIndex((r) => r.key === key) + 1),
        title: values.title as string,
        ownerIds: d.ownerIds,
        deadline,
        deadlineText,
        status: d.status as (typeof EDITABLE_SUBTOPIC_STATUSES)[number],
        acceptWarning,
      });
    }
    setSaving(({ [key]: _x, ...m }) => m);
    if (ok) {
      setDrafts(({ [key]: _gone, ...rest }) => rest);
      if (!s) setNewKeys((ks) => ks.filter((k) => k !== key));
    }
    return Boolean(ok);
  };

  /** Every row with unsaved edits, one after another; stops at the first that cannot be saved (its cell has the focus). */
  const saveAll = async (): Promise<boolean> => {
    for (const k of Object.keys(live.current.drafts)) if (live.current.isDirty(k) && !(await live.current.save(k))) return false;
    return true;
  };

  // Unsaved rows take part in the "leave this screen?" question (through `live`, below).
  useEffect(
    () =>
      registerDirty({
        count: () => Object.keys(live.current.drafts).filter((k) => live.current.isDirty(k)).length,
        save: saveAll,
        discard: () => Object.keys(live.current.drafts).forEach((k) => live.current.discard(k)),
      }),
    [],
  );
  // Ctrl+S saves all, as in Excel (and not the browser's "save page").
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void saveAll();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
    // saveAll reads the live ref: registered once.
  }, []);

  const addRow = (focus = true) => {
    const key = `new-${++newSeq}`;
    setNewKeys((ks) => [...ks, key]);
    setDrafts((all) => ({ ...all, [key]: { ...EMPTY } }));
    if (focus) setTimeout(() => document.getElementById(cellId(key, 'title'))?.focus(), 50);
    return key;
  };

  const onCellKey = (key: string, col: string) => async (e: React.KeyboardEvent) => {
    // With a suggestion list open (完成时限), Enter picks and Esc closes it: leave those keys to the list.
    if ((e.target as HTMLElement).getAttribute('aria-expanded') === 'true') return;
    if (e.key === 'Escape') {
      // A new row's typed text exists nowhere else: asked before it goes.
      if (!byId.has(key) && !same(valueOf(key), EMPTY)) {
        // This Esc must not reach the question's own Esc listener (on the window) and close it at once.
        e.stopPropagation();
        modal.confirm({
          title: '放弃这一行？',
          content: '这一新行填写的内容还没有保存，放弃后不能恢复。',
          okText: '放弃',
          okButtonProps: { danger: true },
          cancelText: '继续填写',
          onOk: () => discard(key),
          afterClose: () => document.getElementById(cellId(key, col))?.focus(),
        });
        return;
      }
      discard(key);
      return;
    }
    if (e.key !== 'Enter' || e.shiftKey || e.nativeEvent.isComposing) return;
    e.preventDefault();
    const index = rows.findIndex((r) => r.key === key);
    const wasNew = !byId.has(key);
    const nonEmpty = !same(valueOf(key), EMPTY);
    if (!(await save(key))) return;
    const next = rows[index + 1];
    if (next && !(wasNew && next.key === key)) {
      setTimeout(() => document.getElementById(cellId(next.key, col))?.focus(), 30);
    } else if (nonEmpty) {
      const k = addRow(false);
      setTimeout(() => document.getElementById(cellId(k, col))?.focus(), 80);
    }
  };

  const move = async (id: string, delta: -1 | 1) => {
    const ids = subtopics.map((s) => s.id);
    const index = ids.indexOf(id);
    const j = index + delta;
    if (j < 0 || j >= ids.length) return;
    [ids[index], ids[j]] = [ids[j]!, ids[index]!];
    await call('subtopic.reorder', { topicId: topic.id, ids });
  };

  // The latest state, for callbacks made once: the "leave this screen?" hooks, Ctrl+S, and the one object the cells and
  // the rows' buttons get for the life of the sheet (see BreakdownCells.tsx).
  const live = useRef({ drafts, isDirty, setText, setCell, onCellKey, save, discard, move });
  live.current = { drafts, isDirty, setText, setCell, onCellKey, save, discard, move };
  const actions = useMemo<CellActions>(
    () => ({
      text: (key, field, text) => live.current.setText(key, field, text),
      patch: (key, patch) => live.current.setCell(key, patch),
      key: (key, col, e) => void live.current.onCellKey(key, col)(e),
    }),
    [],
  );
  const rowOps = useMemo<RowOpsActions>(
    () => ({
      save: (key) => void live.current.save(key),
      discard: (key) => live.current.discard(key),
      act: (kind, subtopic) => setAction({ kind, subtopic }),
      move: (id, delta) => void live.current.move(id, delta),
    }),
    [],
  );


  /** A row shown, not edited: the topic locked, or the sub-topic ticked off. */
  const readOnly = (r: Row) => locked || r.subtopic?.status === '已销号';
  /** A saved row's cell text while the row is unedited: its control is drawn only when the clerk comes to it (BreakdownCells.tsx). */
  const untilReached = (r: Row, text: string) => (r.subtopic && !isDirty(r.key) ? text : undefined);

  /** A typed cell of a described field: its label as placeholder, its own rule's sentence under it when refused. */
  const textCell = (f: FieldDesc) =>
    function Cell(_: unknown, r: Row) {
      const v = valueOf(r.key);
      const col = f.key;
      const text = v.cells[col] ?? '';
      if (readOnly(r)) return <span className="cell-text">{text}</span>;
      const draftErr = isDirty(r.key) ? draftError(v) : undefined;
      return <TextCell rowKey={r.key} field={f} text={text} error={draftErr?.key === col ? draftErr.message : undefined} actions={actions} />;
    };

  const deadlineWarning = (d: Draft) => {
    const parsed = deadlineOf(d);
    return 'message' in parsed ? null : deadlineOutsidePeriod(parsed.deadline, topic);
  };
  /** The sub-topic's fields with controls of their own; the others are typed cells (textCell). */
  const controls: Record<string, TableColumnType<Row>> = {
    ownerIds: {
      title: '责任人',
      key: 'owners',
      width: 150,
      render: (_, r) => {
        const s = r.subtopic;
        const names = s?.owners.map((o) => o.name).join('、') ?? '';
        if (readOnly(r)) return names;
        return <OwnersCell rowKey={r.key} ids={valueOf(r.key).ownerIds} shown={untilReached(r, names)} defaultUnitId={topic.branchId} actions={actions} />;
      },
    },
    deadline: {
      title: '完成时限',
      key: 'deadline',
      width: 140,
      render: (_, r) => {
        const s = r.subtopic;
        const v = valueOf(r.key);
        const extended = s && (s.originalDeadline || s.originalDeadlineText);
        if (readOnly(r))
          return (
            <span>
              {v.deadline}
              {extended && <Tag style={{ marginLeft: 4 }}>已延期</Tag>}
            </span>
          );
        return (
          <DeadlineCell
            rowKey={r.key}
            value={v.deadline}
            hint={isDirty(r.key) || !s}
            warning={isDirty(r.key) ? deadlineWarning(v) : null}
            originally={extended ? (s.originalDeadline ?? s.originalDeadlineText) : null}
            shown={untilReached(r, v.deadline)}
            actions={actions}
          />
        );
      },
    },
    status: {
      title: '状态',
      key: 'status',
      width: 128,
      render: (_, r) => {
        const s = r.subtopic;
        const v = valueOf(r.key);
        const tags = (
          <>
            {s?.overdue && <Tag color="red">逾期</Tag>}
            {s?.supervised && (
              <Tooltip title={s.supervisionNote || '督办'}>
                <Tag color="purple">督办</Tag>
              </Tooltip>
            )}
            {s?.status === '退回整改' && s.returnReason && (
              <Typography.Text type="danger" style={{ fontSize: 12, display: 'block' }}>
                {s.returnReason}
              </Typography.Text>
            )}
            {s?.closedByMeetingOnly && <Tag color="orange">会议销号</Tag>}
            {s && s.evidenceCount > 0 && <Tag>佐证 {s.evidenceCount}</Tag>}
          </>
        );
        if (readOnly(r))
          return (
            <div>
              <Tag color={STATUS_COLORS[v.status]}>{v.status}</Tag>
              {s?.closedDate && <div style={{ fontSize: 12 }}>{s.closedDate}</div>}
              {tags}
            </div>
          );
        return (
          // The tags (逾期, 督办…) beside the select, not under it: one line per row.
          <div className="status-cell">
            <StatusSelect rowKey={r.key} status={v.status} shown={untilReached(r, v.status)} actions={actions} />
            {tags}
          </div>
        );
      },
    },
  };
  // The sheet's columns in the fields' order (shared/fields/subtopic.ts): a field described with a form column appears here.
  const fieldColumns: TableColumnType<Row>[] = SHEET_FIELDS.map((f) => controls[f.key] ?? { title: columnTitle(f), key: f.key, width: f.form!.width, render: textCell(f) });

  const [pasted, setPasted] = useState<PasteAt | null>(null);
  // Ticked rows, for copying out to Excel (ids of saved sub-topics only).
  const [selected, setSelected] = useState<string[]>([]);
  const selectedRows = () => subtopics.filter((s) => selected.includes(s.id)).map(sheetRowOf);
  const copyOut = () => {
    const rows = selected.length ? selectedRows() : subtopics.map(sheetRowOf);
    if (copyRows(rows)) notifySuccess(`已复制 ${rows.length} 行（${SHEET_FIELDS.map(columnTitle).join('、')}），可粘贴到 Excel 或 WPS`);
  };
  const dirtyKeys = Object.keys(drafts).filter(isDirty);
  const done = subtopics.filter((s) => s.status === '已销号').length;

  return (
    <div
      data-testid="breakdown"
      ref={gridRef}
      onKeyDownCapture={(e) => gridRef.current && tabToNextCell(gridRef.current, e)}
      onPasteCapture={(e) => {
        const text = e.clipboardData.getData('text/plain');
        if (locked) return;
        // The paste's target is the focused cell (the body when none is).
        const at = cellAt(e.target as Element);
        if (!isBlock(text)) {
          // One cell copied from Excel arrives as "text\r\n", a multi-line one in quotes: the cell gets the text only.
          const cell = singleCellText(text);
          if (at && cell !== text) {
            e.preventDefault();
            document.execCommand('insertText', false, cell);
          }
          return;
        }
        // Rows and columns copied from Excel or WPS: a preview of what they write, from the focused cell on, not one long string in a cell.
        e.preventDefault();
        e.stopPropagation();
        const from = at ? subtopics.findIndex((s) => s.id === at.rowKey) : -1;
        setPasted({ text, firstColumn: at?.column ?? 0, over: from >= 0 ? subtopics.slice(from) : [] });
      }}
      onCopyCapture={(e) => {
        // Ctrl+C with rows ticked and no text selected in a cell copies the rows, as in Excel.
        const el = document.activeElement as HTMLInputElement | null;
        const textSelected = el && 'selectionStart' in el && el.type !== 'checkbox' && el.selectionStart !== el.selectionEnd;
        if (!selected.length || textSelected || window.getSelection()?.toString()) return;
        e.preventDefault();
        putRows(e.clipboardData, selectedRows());
        notifySuccess(`已复制 ${selected.length} 行，可粘贴到 Excel 或 WPS`);
      }}
    >
      <Space style={{ marginBottom: 4, width: '100%', justifyContent: 'space-between' }} wrap>
        <Space>
          {!locked && (
            <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => addRow()} data-testid="add-subtopic">
              新增小课题
            </Button>
          )}
          {subtopics.length > 0 && (
            <Button size="small" icon={<CopyOutlined />} onClick={copyOut} data-testid="copy-rows">
              {selected.length ? `复制选中的 ${selected.length} 行` : '复制全部行'}
            </Button>
          )}
          {dirtyKeys.length > 0 && (
            <>
              <Button size="small" icon={<SaveOutlined />} onClick={() => void saveAll()} data-testid="save-all">
                全部保存（{dirtyKeys.length}）
              </Button>
              <Typography.Text type="warning">黄色的行有未保存的修改</Typography.Text>
            </>
          )}
        </Space>
        <Typography.Text type="secondary">
          {/* Short enough to stay on the toolbar's line beside 全部保存: a second line would push a row off the screen. */}
          已销号 {done} / {subtopics.length}。{!locked && 'Tab 下一格 · Enter 保存并下移 · Shift+Enter 换行 · Esc 撤销 · Ctrl+S 全部保存'}
        </Typography.Text>
      </Space>
      <Table<Row>
        size="small"
        rowKey="key"
        dataSource={rows}
        pagination={false}
        // Fits the content of a 1366-wide window (about 1158 px) without a sideways scrollbar.
        scroll={{ x: 1112 }}
        className="sheet-dense"
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]), columnWidth: 28, getCheckboxProps: (r) => ({ disabled: !r.subtopic, 'aria-label': '选择本行' }) }}
        rowClassName={(r) => (isDirty(r.key) ? 'row-dirty' : r.subtopic?.status === '已销号' ? 'row-closed' : '')}
        locale={{ emptyText: locked ? '没有小课题' : '还没有小课题。点击“新增小课题”，把课题分解成可落实、可销号的具体事项。' }}
        columns={[
          ...fieldColumns,
          {
            title: '操作',
            key: 'ops',
            width: 150,
            fixed: 'right',
            render: (_, r) => {
              if (locked) return null;
              const index = rows.findIndex((x) => x.key === r.key);
              return <RowOps rowKey={r.key} subtopic={r.subtopic} dirty={isDirty(r.key)} saving={Boolean(saving[r.key])} first={index === 0} last={index >= subtopics.length - 1} ops={rowOps} />;
            },
          },
        ]}
      />
      <SubtopicActionModal action={action?.kind ?? null} subtopic={action?.subtopic ?? null} onClose={() => setAction(null)} />
      <BreakdownPaste
        topic={topic}
        paste={pasted}
        onClose={(saved) => {
          // The rows written over show what was pasted, not edits typed before; an empty new row the block was pasted into goes.
          if (saved && pasted) for (const k of [...pasted.over.map((s) => s.id), ...newKeys.filter((k) => !isDirty(k))]) discard(k);
          setPasted(null);
        }}
      />
    </div>
  );
}
