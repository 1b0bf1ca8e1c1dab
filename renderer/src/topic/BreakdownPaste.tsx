import { Alert, App as AntApp, Modal, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import type { Subtopic, Topic } from '../../../shared/domain/schemas';
import { call, useCall } from '../api';
import { columnTitle, readPastedBlock, saveManyArgs, type PastedRow } from './subtopicSheet';

/*
 * Rows copied from Excel or WPS and pasted into 课题分解: once two rows became
 * one long string in 编号. Now a paste of more than one cell opens this
 * preview. As in Excel, the block lands where the cursor is: its columns from
 * the focused cell's column on (or by the names of a copied header row), its
 * rows over the focused row and those below, new rows after the last. Each
 * cell is read by the grid's own parsers; each row shows what it adds or
 * changes and its problems; then one `subtopic.saveMany` writes it all or none.
 */

export interface PasteAt {
  text: string;
  /** The grid column of the focused cell (0 = 编号). */
  firstColumn: number;
  /** The grid's rows from the focused one down: the block writes over them. */
  over: Subtopic[];
}

export function BreakdownPaste({ topic, paste, onClose }: { topic: Topic; paste: PasteAt | null; onClose: (saved: boolean) => void }) {
  const { modal } = AntApp.useApp();
  const [saving, setSaving] = useState(false);
  // The whole roster once, for this explicit paste only (names → people); the grid itself searches in the core.
  const roster = useCall('person.list', paste ? {} : null);
  const block = useMemo(
    () => (paste && roster.data ? readPastedBlock(paste.text, { roster: roster.data, topic, today: dayjs().format('YYYY-MM-DD'), firstColumn: paste.firstColumn, over: paste.over }) : null),
    [paste, roster.data, topic],
  );
  const rows = block?.rows ?? [];
  const problems = rows.filter((r) => r.problems.length);
  const warnings = rows.filter((r) => r.warning);
  const { update, create } = saveManyArgs(rows);
  const unchanged = rows.filter((r) => r.target && !r.changes.length).length;
  const summary = [create.length && `添加 ${create.length} 项`, update.length && `修改 ${update.length} 项`].filter(Boolean).join('、');

  const save = async () => {
    if (warnings.length && !(await modal.confirm({ title: '完成时限超出课题周期', content: `${warnings.length} 行的完成时限超出课题周期（例如第 ${warnings[0]!.line} 行：${warnings[0]!.warning}）。仍然保存吗？`, okText: '仍然保存', cancelText: '返回修改' }))) return;
    setSaving(true);
    const saved = await call('subtopic.saveMany', { topicId: topic.id, update, create, ...(warnings.length ? { acceptWarning: true } : {}) }, { success: `已${summary}小课题` });
    setSaving(false);
    if (saved) onClose(true);
  };

  return (
    <Modal
      title="粘贴小课题"
      open={paste !== null}
      width={1100}
      onCancel={() => onClose(false)}
      okText={summary || '没有要保存的内容'}
      cancelText="取消"
      okButtonProps={{ disabled: !summary || problems.length > 0 || Boolean(block?.problems.length), loading: saving || roster.loading }}
      onOk={() => void save()}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {block?.headerRow ? '按表头对应各列' : '按复制时的行和列读取'}：{block?.columns.map(columnTitle).join('、')}。空白单元格不改动已有内容。
        {paste?.over.length ? `从光标所在的第 ${rows.find((r) => r.target)?.target?.code || '1'} 项起覆盖已有的行，多出的行新增。` : '全部作为新的小课题添加。'}
        {unchanged ? `${unchanged} 行与现有内容相同，不会改动。` : ''}
        {block?.notes.join('')}
      </Typography.Paragraph>
      {block?.problems.map((p) => <Alert key={p} type="error" showIcon style={{ marginBottom: 8 }} message={p} />)}
      {problems.length > 0 && <Alert type="error" showIcon style={{ marginBottom: 8 }} message={`有 ${problems.length} 行需要修改后才能保存（在 Excel 中改好后重新复制粘贴）`} />}
      <Table<PastedRow>
        size="small"
        rowKey="line"
        dataSource={rows}
        loading={roster.loading}
        pagination={rows.length > 8 ? { pageSize: 8, size: 'small' } : false}
        data-testid="breakdown-paste-preview"
        columns={[
          { title: '行', dataIndex: 'line', width: 44 },
          { title: '保存为', key: 'as', width: 92, render: (_, r) => (r.target ? <Tag color={r.changes.length ? 'orange' : undefined}>{r.changes.length ? `修改第 ${r.target.code || r.target.seq + 1} 项` : '不变'}</Tag> : <Tag color="green">新增</Tag>) },
          ...(block?.columns ?? []).map((f) => ({
            title: columnTitle(f),
            key: f.key,
            ellipsis: true,
            render: (_: unknown, r: PastedRow) => r.cells.find((c) => c.field === f)?.shown ?? '',
          })),
          {
            title: '问题 / 改动',
            key: 'problems',
            width: 260,
            render: (_, r) => (
              <>
                {r.problems.map((p) => (
                  <Typography.Text key={p} type="danger" style={{ display: 'block' }}>
                    {p}
                  </Typography.Text>
                ))}
                {r.warning && <Typography.Text type="warning" style={{ display: 'block' }}>{r.warning}</Typography.Text>}
                {r.changes.map((c) => (
                  <Typography.Text key={c} style={{ display: 'block', fontSize: 12 }}>
                    {c}
                  </Typography.Text>
                ))}
              </>
            ),
          },
        ]}
      />
    </Modal>
  );
}
