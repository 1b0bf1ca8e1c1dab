import { Alert, App as AntApp, Modal, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { SubtopicFields, type Person, type Topic } from '../../../shared/domain/schemas';
import { deadlineOutsidePeriod, readDate, splitPeople } from '../../../shared/values';
import { call, useCall } from '../api';

/*
 * Rows copied from Excel or WPS and pasted into 课题分解: once two rows became
 * one long string in 编号. Now a paste of more than one cell opens this
 * preview — the columns as copied, in the ledger's order 小课题名称、推进措施、
 * 责任人、完成时限 — read by the same parsers and rules as the grid (shared/values,
 * the field's zod rule), each row's problems shown, then one `subtopic.createMany`.
 */

const TITLE = SubtopicFields.shape.title;
const MEASURES = SubtopicFields.shape.measures;
export const PASTE_COLUMNS = ['小课题名称', '推进措施', '责任人', '完成时限'] as const;

export interface PastedSubtopic {
  line: number;
  title: string;
  measures: string;
  ownerNames: string[];
  ownerIds: string[];
  deadline: string | null;
  deadlineText: string;
  /** How the deadline was understood, as the grid shows it (= 2026年9月30日). */
  understood: string;
  problems: string[];
  /** A deadline outside the topic's period: saved only once the clerk says so. */
  warning: string | null;
}

/** Whether clipboard text is a block (more than one cell) rather than one cell's text. */
export const isBlock = (text: string) => /\t/.test(text) || /\S[ \t]*\r?\n[ \t]*\S/.test(text.trim());

/** Each non-blank line a row; cells split on tabs, in PASTE_COLUMNS order starting at `firstColumn`. */
export function readPastedSubtopics(text: string, roster: readonly Person[], topic: Pick<Topic, 'startDate' | 'endDate' | 'branchId'>, today: string, firstColumn = 0): PastedSubtopic[] {
  const byName = new Map<string, Person[]>();
  for (const p of roster) byName.set(p.name, [...(byName.get(p.name) ?? []), p]);
  return text
    .split(/\r\n|\r|\n/)
    .map((raw, i) => ({ raw, line: i + 1 }))
    .filter(({ raw }) => raw.trim())
    .map(({ raw, line }) => {
      const cells: string[] = Array(firstColumn).fill('');
      cells.push(...raw.split('\t').map((c) => c.trim()));
      const [title = '', measures = '', owners = '', due = ''] = cells;
      const problems: string[] = [];
      const t = TITLE.safeParse(title);
      if (!t.success) problems.push(t.error.issues[0]?.message ?? '小课题名称不符合要求');
      const m = MEASURES.safeParse(measures);
      if (!m.success) problems.push(m.error.issues[0]?.message ?? '推进措施不符合要求');
      const ownerNames = splitPeople(owners, { dropNotes: true });
      const ownerIds: string[] = [];
      for (const name of ownerNames) {
        const found = byName.get(name) ?? [];
        // Two people of one name: the one in the topic's branch, else the clerk must say which.
        const inBranch = found.filter((p) => p.unitId === topic.branchId);
        const person = found.length === 1 ? found[0] : inBranch.length === 1 ? inBranch[0] : undefined;
        if (person) ownerIds.push(person.id);
        else problems.push(found.length ? `名册中有 ${found.length} 个「${name}」，请在表格中逐行选择` : `名册中没有「${name}」，请先在人员名册中添加`);
      }
      const d = readDate(due, { year: Number(today.slice(0, 4)), today });
      let deadline: string | null = null;
      let deadlineText = '';
      let understood = '';
      if (d.kind === 'date') {
        deadline = d.date;
        deadlineText = d.relative ? '' : d.text;
        understood = `= ${dayjs(d.date).format('YYYY年M月D日')}`;
      } else if (d.kind === 'text') {
        deadlineText = d.text;
        understood = `（文字）${d.text}`;
      } else if (d.kind === 'invalid') problems.push(`完成时限「${d.text}」${d.message}`);
      return { line, title, measures, ownerNames, ownerIds, deadline, deadlineText, understood, problems, warning: deadlineOutsidePeriod(deadline, topic) };
    });
}

export function BreakdownPaste({ topic, text, firstColumn, onClose }: { topic: Topic; text: string | null; firstColumn: number; onClose: () => void }) {
  const { modal } = AntApp.useApp();
  const [saving, setSaving] = useState(false);
  // The whole roster once, for this explicit paste only (names → people); the grid itself searches in the core.
  const roster = useCall('person.list', text !== null ? {} : null);
  const today = dayjs().format('YYYY-MM-DD');
  const rows = useMemo(() => (text && roster.data ? readPastedSubtopics(text, roster.data, topic, today, firstColumn) : []), [text, roster.data, topic, today, firstColumn]);
  const problems = rows.filter((r) => r.problems.length);
  const warnings = rows.filter((r) => r.warning);

  const save = async () => {
    if (warnings.length && !(await modal.confirm({ title: '完成时限超出课题周期', content: `${warnings.length} 行的完成时限超出课题周期（例如第 ${warnings[0]!.line} 行：${warnings[0]!.warning}）。仍然添加吗？`, okText: '仍然添加', cancelText: '返回修改' }))) return;
    setSaving(true);
    const added = await call(
      'subtopic.createMany',
      {
        topicId: topic.id,
        subtopics: rows.map((r) => ({ title: r.title, measures: r.measures, ownerIds: r.ownerIds, deadline: r.deadline, deadlineText: r.deadlineText })),
        ...(warnings.length ? { acceptWarning: true } : {}),
      },
      { success: `已添加 ${rows.length} 项小课题` },
    );
    setSaving(false);
    if (added) onClose();
  };

  return (
    <Modal
      title="粘贴小课题"
      open={text !== null}
      width={900}
      onCancel={onClose}
      okText={rows.length ? `添加 ${rows.length} 项小课题` : '添加'}
      cancelText="取消"
      okButtonProps={{ disabled: !rows.length || problems.length > 0, loading: saving || roster.loading }}
      onOk={() => void save()}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        按复制时的行和列读取：{PASTE_COLUMNS.slice(firstColumn).join('、')}。多个责任人用顿号或逗号分开。
      </Typography.Paragraph>
      {problems.length > 0 && <Alert type="error" showIcon style={{ marginBottom: 8 }} message={`有 ${problems.length} 行需要修改后才能添加（在 Excel 中改好后重新复制粘贴）`} />}
      <Table<PastedSubtopic>
        size="small"
        rowKey="line"
        dataSource={rows}
        loading={roster.loading}
        pagination={rows.length > 8 ? { pageSize: 8, size: 'small' } : false}
        data-testid="breakdown-paste-preview"
        columns={[
          { title: '行', dataIndex: 'line', width: 44 },
          { title: '小课题名称', dataIndex: 'title', ellipsis: true },
          { title: '推进措施', dataIndex: 'measures', ellipsis: true },
          { title: '责任人', key: 'owners', width: 120, render: (_, r) => r.ownerNames.join('、') },
          { title: '完成时限', key: 'deadline', width: 150, render: (_, r) => r.understood },
          {
            title: '问题',
            key: 'problems',
            width: 220,
            render: (_, r) => (
              <>
                {r.problems.map((p) => (
                  <Typography.Text key={p} type="danger" style={{ display: 'block' }}>
                    {p}
                  </Typography.Text>
                ))}
                {r.warning && <Typography.Text type="warning">{r.warning}</Typography.Text>}
              </>
            ),
          },
        ]}
      />
    </Modal>
  );
}
