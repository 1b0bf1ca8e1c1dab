import { ConfigProvider, Input, Select, Table, type TableColumnType } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { memo, useCallback, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { DataSheetGrid, keyColumn, textColumn, type DataSheetGridRef } from 'react-datasheet-grid';
import 'react-datasheet-grid/dist/style.css';
import '../../../renderer/src/app.css';

/*
 * The grids bench's page (tests/bench/grids.ts bundles it with esbuild): the
 * breakdown's 7 columns as (a) antd's Table with an input in every cell, the
 * way renderer/src/topic/Breakdown.tsx draws them, (a′) the same with memoized
 * cells, and (b) react-datasheet-grid.
 * Plain text in every cell; 责任人 and 完成时限 are plain Inputs here (the app
 * has PersonSelect and DeadlineInput, heavier still), and the app's tick
 * column and 操作 buttons are left out of both.
 */

export type GridKind = 'antd' | 'antd-memo' | 'datasheet';

interface SheetRow {
  code: string;
  title: string;
  measures: string;
  owners: string;
  deadline: string;
  budget: string;
  status: string;
}

/** The columns with the app's widths (shared/fields/subtopic.ts and Breakdown.tsx); `long` cells wrap (Input.TextArea) as there. */
const COLUMNS: { key: keyof SheetRow; title: string; width: number; long?: boolean }[] = [
  { key: 'code', title: '编号', width: 56 },
  { key: 'title', title: '小课题名称', width: 180, long: true },
  { key: 'measures', title: '推进措施', width: 196, long: true },
  { key: 'owners', title: '责任人', width: 150 },
  { key: 'deadline', title: '完成时限', width: 140 },
  { key: 'budget', title: '预算（万元）', width: 84 },
  { key: 'status', title: '状态', width: 128 },
];
const STATUSES = ['未开始', '推进中', '待验收'];
const SUBJECTS = ['网点服务质效提升', '普惠金融进村入户', '寄递渠道安全整治', '农村电商服务站建设', '代理金融合规管理', '投递时效攻坚', '营业厅适老化改造', '党建品牌创建'];
const MEASURES = ['梳理现有业务流程，明确岗位责任分工', '每周召开推进会，通报进度和存在问题', '对标先进网点开展现场观摩学习', '建立问题清单，逐项整改销号', '组织党员骨干包片走访重点客户', '完善考核办法，纳入月度绩效考核'];
const PEOPLE = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨帆', '赵磊', '黄敏', '周强', '吴丽'];

/** `n` sub-topics with realistic text; each title is unique (the bench finds rows by it). */
export function sheetRows(n: number): SheetRow[] {
  return Array.from({ length: n }, (_, i) => ({
    code: String(i + 1),
    title: `${SUBJECTS[i % SUBJECTS.length]}（第${i + 1}项）`,
    measures: `${MEASURES[i % MEASURES.length]}；${MEASURES[(i + 2) % MEASURES.length]}，确保${(i % 12) + 1}月底前取得阶段性成效。`,
    owners: `${PEOPLE[i % PEOPLE.length]}、${PEOPLE[(i + 3) % PEOPLE.length]}`,
    deadline: i % 9 === 8 ? '长期坚持' : `2026年${(i % 12) + 1}月28日`,
    budget: String((i % 7) * 1.5),
    status: STATUSES[i % STATUSES.length]!,
  }));
}

interface CellProps {
  row: number;
  column: (typeof COLUMNS)[number];
  value: string;
  onChange: (row: number, key: keyof SheetRow, value: string) => void;
}

/** A cell as Breakdown.tsx draws it: Input size small for short text, Input.TextArea autoSize for long, a Select for 状态. */
function Cell({ row, column: c, value, onChange }: CellProps) {
  if (c.key === 'status') return <Select id={`cell-${row}-status`} size="small" value={value} style={{ width: 82 }} onChange={(v) => onChange(row, 'status', v)} options={STATUSES.map((s) => ({ value: s, label: s }))} aria-label="状态" />;
  const common = { id: `cell-${row}-${c.key}`, size: 'small' as const, value, placeholder: c.title, 'aria-label': c.title };
  const change = (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => onChange(row, c.key, e.target.value);
  return c.long ? <Input.TextArea {...common} onChange={change} autoSize={{ minRows: 1, maxRows: 6 }} /> : <Input {...common} onChange={change} />;
}
/** The same cell drawn again only when its own text changes: what memoizing Breakdown's cells would give (the app does not). */
const MemoCell = memo(Cell);

/**
 * As Breakdown.tsx: every cell a control in antd's Table, all rows drawn.
 * `memoized` false is the app's way (a keystroke renders every cell again);
 * true keeps the other cells as they were.
 */
function AntdSheet({ initial, memoized }: { initial: SheetRow[]; memoized: boolean }) {
  const [rows, setRows] = useState(initial);
  const set = useCallback((index: number, key: keyof SheetRow, value: string) => setRows((rs) => rs.map((r, i) => (i === index ? { ...r, [key]: value } : r))), []);
  const CellOf = memoized ? MemoCell : Cell;
  const columns: TableColumnType<SheetRow>[] = COLUMNS.map((c) => ({ title: c.title, key: c.key, width: c.width, render: (_: unknown, r: SheetRow, i: number) => <CellOf row={i} column={c} value={r[c.key]} onChange={set} /> }));
  return <Table<SheetRow> size="small" rowKey="code" dataSource={rows} pagination={false} scroll={{ x: 1112 }} className="sheet-dense" columns={columns} />;
}

/** textColumn's cells hold string | null (an emptied cell is null). */
type DatasheetRow = Record<keyof SheetRow, string | null>;
const DATASHEET_COLUMNS = COLUMNS.map((c) => ({ ...keyColumn<DatasheetRow, keyof SheetRow>(c.key, textColumn), title: c.title, basis: c.width, minWidth: c.width }));

/** The same rows in react-datasheet-grid: its own text cells, a fixed height (about the breakdown's room at 1366×680), rows neither added nor removed. */
function DatasheetSheet({ initial, gridRef }: { initial: SheetRow[]; gridRef: React.RefObject<DataSheetGridRef | null> }) {
  const [rows, setRows] = useState<DatasheetRow[]>(initial);
  return <DataSheetGrid<DatasheetRow> ref={gridRef} value={rows} onChange={setRows} columns={DATASHEET_COLUMNS} height={520} lockRows />;
}

/** How many rows are on the first screen of either grid: the mount is timed to the last of them painted. */
const FIRST_SCREEN = 10;

/** After the next paint: a task queued from a frame's callback runs once that frame is drawn. */
const nextPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

const cellValues = (host: Element) => Array.from(host.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea'), (el) => el.value);

/** Resolves once `ready()` holds after some change under `host`. */
function whenChanged(host: Element, ready: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!ready()) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(host, { childList: true, subtree: true });
  });
}

export interface GridBench {
  /** Renders `n` rows; resolves with the ms from render() to the first screen of rows painted. */
  mount(kind: GridKind, n: number): Promise<number>;
  unmount(): Promise<void>;
  /** Makes row `row`'s 小课题名称 the cell typed into: antd's textarea focused with the caret at its end; the datasheet's active cell (not yet editing). */
  target(row: number): Promise<void>;
  /** Listens for the next keydown; `typed()` then resolves with the ms from that keydown to `ch` painted at the end of the focused cell. */
  arm(ch: string): void;
  typed(): Promise<number>;
}

let root: Root | null = null;
let kindMounted: GridKind = 'antd';
/** The datasheet grid's handle, for selecting the cell typed into. */
const gridRef: React.RefObject<DataSheetGridRef | null> = { current: null };
let pending: Promise<number> = Promise.resolve(0);

const bench: GridBench = {
  async mount(kind, n) {
    const host = document.getElementById('root')!;
    const rows = sheetRows(n);
    const last = rows[Math.min(n, FIRST_SCREEN) - 1]!.title;
    kindMounted = kind;
    root = createRoot(host);
    const shown = whenChanged(host, () => cellValues(host).includes(last));
    const t0 = performance.now();
    root.render(<ConfigProvider locale={zhCN}>{kind === 'datasheet' ? <DatasheetSheet initial={rows} gridRef={gridRef} /> : <AntdSheet initial={rows} memoized={kind === 'antd-memo'} />}</ConfigProvider>);
    await shown;
    await nextPaint();
    return performance.now() - t0;
  },
  async unmount() {
    root?.unmount();
    root = null;
    await nextPaint();
  },
  async target(row) {
    if (kindMounted !== 'datasheet') {
      const cell = document.getElementById(`cell-${row}-title`) as HTMLTextAreaElement;
      cell.scrollIntoView({ block: 'center' });
      cell.focus();
      cell.setSelectionRange(cell.value.length, cell.value.length);
    } else {
      gridRef.current!.setActiveCell({ col: 'title', row });
    }
    for (let i = 0; i < 3; i++) await nextPaint();
  },
  arm(ch) {
    pending = new Promise((resolve) => {
      window.addEventListener(
        'keydown',
        (e) => {
          // The event's own time: when the key reached the page, before any handler ran.
          const t0 = e.timeStamp;
          const check = () => {
            const el = document.activeElement as HTMLInputElement | null;
            if (el?.value?.endsWith(ch)) setTimeout(() => resolve(performance.now() - t0), 0);
            else requestAnimationFrame(check);
          };
          requestAnimationFrame(check);
        },
        { capture: true, once: true },
      );
    });
  },
  typed: () => pending,
};

(window as unknown as { gridBench: GridBench }).gridBench = bench;
