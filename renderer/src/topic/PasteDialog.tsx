import { Alert, Checkbox, Input, Modal, Table, Typography, type TableColumnsType } from 'antd';
import { useState, type ClipboardEvent, type ReactNode } from 'react';

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
  /** The columns read, in order, for the line above the box. */
  columnsHint: string;
  placeholder: string;
  notes: string[];
  /** Problems of the table as a whole (a column named twice in the header). */
  tableProblems: string[];
  rows: R[];
  problemsOf: (row: R) => string[];
  columns: TableColumnsType<R>;
  okText: string;
  canSave: boolean;
  saving: boolean;
  onSave: () => void;
  width: number;
  testId: string;
  extra?: ReactNode;
}) {
  const [onlyProblems, setOnlyProblems] = useState(false);
  const bad = props.rows.filter((r) => props.problemsOf(r).length);
  const shown = onlyProblems && bad.length ? bad : props.rows;
  const firstProblem = props.tableProblems[0] ?? (bad[0] ? props.problemsOf(bad[0])[0] : undefined);
  return (
    <Modal
      title={props.title}
      open
      width={props.width}
      style={{ top: 16 }}
      onCancel={props.onClose}
      okText={props.okText}
      cancelText="取消"
      okButtonProps={{ disabled: !props.canSave || bad.length > 0 || props.tableProblems.length > 0, loading: props.saving }}
      onOk={props.onSave}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 6 }}>
        从 Excel 或 WPS 复制后粘贴到下面（或在本页点一下再按 Ctrl+V）。没有表头时按列顺序读取：{props.columnsHint}；第一行是表头时按表头对应。
      </Typography.Paragraph>
      <Input.TextArea
        autoSize={{ minRows: 2, maxRows: 3 }}
        value={props.text}
        onChange={(e) => props.onText(e.target.value)}
        placeholder={props.placeholder}
        data-testid={`${props.testId}-text`}
      />
      {props.notes.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0' }} data-testid={`${props.testId}-notes`}>
          {props.notes.join(' ')}
        </Typography.Paragraph>
      )}
      {firstProblem && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 6, padding: '4px 12px' }}
          message={props.tableProblems.length ? firstProblem : `有 ${bad.length} 行需要修改后才能保存（在 Excel 中改好后重新复制粘贴），例如 ${firstProblem}`}
          action={
            bad.length > 0 && bad.length < props.rows.length ? (
              <Checkbox checked={onlyProblems} onChange={(e) => setOnlyProblems(e.target.checked)}>
                只看有问题的行
              </Checkbox>
            ) : undefined
          }
        />
      )}
      {props.extra}
      {props.rows.length > 0 && (
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
