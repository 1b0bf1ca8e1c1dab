import { UndoOutlined } from '@ant-design/icons';
import { Button, Card, Popconfirm, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ImportBatch } from '../../../shared/domain/schemas';
import { call, runExclusive, useCall } from '../api';

/** What an import counts, in the order the clerk reads them. */
export const COUNT_LABELS: Record<string, string> = { topics: '课题', subtopics: '小课题', people: '人员', indicators: '成效指标', checklist: '销号清单', units: '组织' };

type Tally = { added?: number; updated?: number };

/** 新增 2 项课题、9 项小课题；更新 1 项小课题 — what a batch did, from the summary the import stored with it. */
export function batchContent(summary: unknown): string {
  const counts = (summary as { counts?: Record<string, Tally> } | null)?.counts ?? {};
  const part = (key: 'added' | 'updated') =>
    Object.entries(COUNT_LABELS)
      .filter(([k]) => (counts[k]?.[key] ?? 0) > 0)
      .map(([k, label]) => `${counts[k]![key]} 项${label}`)
      .join('、');
  const added = part('added');
  const updated = part('updated');
  return [added && `新增 ${added}`, updated && `更新 ${updated}`].filter(Boolean).join('；') || '没有改动';
}

/**
 * 导入记录: every import into this ledger, newest first, each undoable as a
 * whole (the core refuses, with the reason, when its records were changed
 * since, and backs the ledger up before it undoes).
 */
export function ImportHistory() {
  const batches = useCall('importBatch.list', {});
  const undo = async (b: ImportBatch) => {
    const r = await runExclusive('撤销导入', () => call('import.undo', { batchId: b.id }, { success: `已撤销「${b.fileName}」的导入`, errorTitle: '不能撤销这次导入' }));
    if (r) batches.reload();
  };
  return (
    <Card size="small" title="导入记录" data-testid="import-history">
      <Table<ImportBatch>
        size="small"
        rowKey="id"
        loading={batches.loading}
        dataSource={batches.data ?? []}
        pagination={(batches.data?.length ?? 0) > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        locale={{ emptyText: '还没有导入过' }}
        columns={[
          { title: '导入时间', dataIndex: 'importedAt', width: 150, render: (t: string) => dayjs(t).format('YYYY-MM-DD HH:mm') },
          { title: '文件', dataIndex: 'fileName', ellipsis: true },
          { title: '操作员', dataIndex: 'operator', width: 100 },
          { title: '内容', dataIndex: 'summary', render: (s: unknown) => <Typography.Text type="secondary">{batchContent(s)}</Typography.Text> },
          {
            title: '状态',
            dataIndex: 'undoneAt',
            width: 150,
            render: (u: string | null) => (u ? <Tag>已于 {dayjs(u).format('MM-DD HH:mm')} 撤销</Tag> : <Tag color="green">有效</Tag>),
          },
          {
            title: '',
            key: 'undo',
            width: 90,
            render: (_: unknown, b) =>
              !b.undoneAt && (
                <Popconfirm
                  title="撤销这次导入？"
                  description="这次导入新增的课题、小课题、人员等将删除，改动过的内容恢复原样。撤销前会自动备份台账。"
                  okText="撤销"
                  okButtonProps={{ danger: true }}
                  cancelText="取消"
                  onConfirm={() => void undo(b)}
                >
                  <Button size="small" danger icon={<UndoOutlined />} data-testid="import-history-undo">
                    撤销
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
    </Card>
  );
}
