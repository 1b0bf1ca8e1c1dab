import { Alert, Checkbox, Input, Modal, Table, Typography, type TableColumnsType } from 'antd';
import { useState, type ClipboardEvent } from 'react';
import type { PasteColumn } from './pasteTable';

/*
 * The dialog a table pasted from Excel or WPS opens on 成效指标 and 台账: the
 * text (pasted on the tab, or into the box here), what each row will do, each
 * row's problems in red, and one save, disabled while any problem stands.
 */

/**
 * Props for a tab's root: Ctrl+V after a click anywhere on the tab (the
 * table, the empty space) hands the clipboard text to `onText`. A click on
 * a plain element focuses the nearest focusable ancestor, so the root takes
 * focus (tabIndex -1) and the paste event. A paste into a field is the field's.
 */
export function tabPaste(enabled: boolean, onText: (text: string) => void) {
  return {
    tabIndex: -1,
    style: { outline: 'none' },
    onPaste: (e: ClipboardEvent<HTMLElement>) => {
      const target = e.target as HTMLElement;
      if (!enabled || target.closest('input, textarea, [contenteditable="true"], .ant-modal')) return;
      const text = e.clipboardData.getData('text/plain');
      if (!text.trim()) return;
      e.preventDefault();
      onText(text);
    },
  };
}

/** Rendered while open (the parent mounts it with the text), so each paste starts afresh. */
export function PasteDialog<R extends { line: number }>(props: {
  title: string;
  text: string;
  onText: (text: string) => void;
  onClose: () => void;
  /** The columns in the order a table without a header is read, for the line above the box. */
  order: readonly PasteColumn[];
  placeholder: string;
  /** The table as read: what is said about it, what stops it as a whole (a column named twice), its rows. */
  read: { notes: string[]; problems: string[]; rows: R[] };
  notes?: string[];
  problemsOf: (row: R) => string[];
  columns: TableColumnsType<R>;
  okText: string;
  canSave: boolean;
  loading?: boolean;
  /** The one call; the dialog closes when it answers with data (an error has been shown by `call`). */
  save: () => Promise<unknown>;
  width: number;
  testId: string;
}) {
  const { rows, problems: tableProblems } = props.read;
  const notes = [...props.read.notes, ...(props.notes ?? [])];
  const [onlyProblems, setOnlyProblems] = useState(false);
  const [saving, setSaving] = useState(false);
  const bad = rows.filter((r) => props.problemsOf(r).length);
  const shown = onlyProblems && bad.length ? bad : rows;
  const firstProblem = tableProblems[0] ?? (bad[0] ? props.problemsOf(bad[0])[0] : undefined);
  const save = async () => {
    setSaving(true);
    const done = await props.save();
    setSaving(false);
    if (done) props.onClose();
  };
  return (
    <Modal
      title={props.title}
      open
      width={props.width}
      style={{ top: 16 }}
      onCancel={props.onClose}
      okText={props.okText}
      cancelText="取消"
      okButtonProps={{ disabled: !props.canSave || bad.length > 0 || tableProblems.length > 0, loading: saving || props.loading }}
      onOk={() => void save()}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 6 }}>
        从 Excel 或 WPS 复制后粘贴到下面（或在本页点一下再按 Ctrl+V）。没有表头时按列顺序读取：{props.order.map((c) => c.label).join('、')}；第一行是表头时按表头对应。
      </Typography.Paragraph>
      <Input.TextArea
        autoSize={{ minRows: 2, maxRows: 3 }}
        value={props.text}
        onChange={(e) => props.onText(e.target.value)}
        placeholder={props.placeholder}
        data-testid={`${props.testId}-text`}
      />
      {notes.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0' }} data-testid={`${props.testId}-notes`}>
          {notes.join(' ')}
        </Typography.Paragraph>
      )}
      {firstProblem && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 6, padding: '4px 12px' }}
          message={tableProblems.length ? firstProblem : `有 ${bad.length} 行需要修改后才能保存（在 Excel 中改好后重新复制粘贴），例如 ${firstProblem}`}
          action={
            bad.length > 0 && bad.length < rows.length ? (
              <Checkbox checked={onlyProblems} onChange={(e) => setOnlyProblems(e.target.checked)}>
                只看有问题的行
              </Checkbox>
            ) : undefined
          }
        />
      )}
      {rows.length > 0 && (
        <Table<R>
          style={{ marginTop: 6 }}
          size="small"
          rowKey="line"
          dataSource={shown}
          columns={props.columns}
          scroll={{ y: 236 }}
          pagination={shown.length > 50 ? { pageSize: 50, size: 'small', showSizeChanger: false } : false}
          data-testid={`${props.testId}-preview`}
        />
      )}
    </Modal>
  );
}

/** A row's problems, one a line, in red. */
export const ProblemList = ({ problems }: { problems: string[] }) => (
  <>
    {problems.map((p) => (
      <Typography.Text key={p} type="danger" style={{ display: 'block', fontSize: 12 }}>
        {p}
      </Typography.Text>
    ))}
  </>
);
