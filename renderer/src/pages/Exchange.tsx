import { CheckOutlined, CloudDownloadOutlined, CloudUploadOutlined, RollbackOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { mergeCountsText, type ConflictRow } from '../../../shared/contract/exchange';
import type { Output } from '../../../shared/contract';
import { call, notifySuccess, runExclusive, shellCall, useCall } from '../api';

/*
 * 交换: the offline exchange between offices. A branch exports its part of the
 * ledger as a .ldgx package (USB stick, e-mail); the committee imports any
 * number at once, reviews what both offices changed, and sends its own
 * changes (点题, reviews, commendations) back down the same way.
 */

/** A value as the clerk reads it: text as it is, empty as —. */
function shown(json: string | null): string {
  if (json === null) return '—';
  const v = JSON.parse(json) as unknown;
  return v === null || v === '' ? '（空）' : typeof v === 'string' ? v : JSON.stringify(v);
}

function ExportCard() {
  const units = useCall('unit.list', {});
  const [unitId, setUnitId] = useState<string>();
  const exportPackage = async () => {
    const unit = units.data?.find((u) => u.id === unitId);
    if (!unit) return;
    const picked = await shellCall('shell.saveFileAs', { kind: 'ldgx', suggestedName: `${unit.name}-${dayjs().format('YYYYMMDD')}.ldgx` });
    if (!picked) return;
    const r = await runExclusive('导出数据包', () => call('exchange.export', { unitId: unit.id, out: picked.file }, { errorTitle: '数据包未导出' }));
    if (r) notifySuccess(`已导出「${r.unit}」的数据包：${picked.name}（${r.seqs.length ? `第 ${r.seqs[0]}–${r.seqs.at(-1)} 号变更` : '无新的变更'}）`);
  };
  return (
    <Card size="small" title="导出数据包" data-testid="exchange-export">
      <Typography.Paragraph type="secondary">
        支部：选择本支部，导出后把文件交给党委。党委：选择一个支部，导出后把文件交给该支部（下发点题、评审、表彰）。数据包含对方还没有确认收到的全部修改，上一个数据包丢失也不要紧。
      </Typography.Paragraph>
      <Space>
        <Select
          style={{ width: 280 }}
          placeholder="选择组织"
          showSearch
          optionFilterProp="label"
          value={unitId}
          onChange={setUnitId}
          options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          data-testid="exchange-unit"
        />
        <Button type="primary" icon={<CloudUploadOutlined />} disabled={!unitId} onClick={() => void exportPackage()} data-testid="exchange-export-button">
          导出数据包
        </Button>
      </Space>
    </Card>
  );
}

function ImportCard() {
  const [result, setResult] = useState<Output<'exchange.import'>>();
  const importPackages = async () => {
    const files = await shellCall('shell.pickPackages', {});
    if (!files?.length) return;
    const r = await runExclusive('导入数据包', () => call('exchange.import', { files: files.map((f) => f.file) }, { errorTitle: '数据包未导入' }));
    if (r) setResult(r);
  };
  return (
    <Card size="small" title="导入数据包" data-testid="exchange-import">
      <Typography.Paragraph type="secondary">可一次选择多个数据包。导入前自动备份台账；有一个数据包损坏、不完整或来自旧版本程序时，全部不导入。同一个数据包导入两次不会重复。</Typography.Paragraph>
      <Button type="primary" icon={<CloudDownloadOutlined />} onClick={() => void importPackages()} data-testid="exchange-import-button">
        选择数据包并导入
      </Button>
      {result && (
        <Table
          style={{ marginTop: 12 }}
          size="small"
          rowKey="file"
          pagination={false}
          dataSource={result.packages}
          data-testid="exchange-import-result"
          columns={[
            { title: '数据包', dataIndex: 'file', ellipsis: true },
            { title: '来源单位', dataIndex: 'sourceUnit', width: 200 },
            { title: '结果', key: 'r', render: (_: unknown, p) => (p.applied.length ? mergeCountsText(p.counts) : '已导入过，无变化') },
            { title: '按名称对应的记录', key: 'm', render: (_: unknown, p) => p.mappings.map((m) => m.name).join('、') || '—' },
          ]}
        />
      )}
      {result?.backupFile && <Typography.Text type="secondary">导入前的备份：{result.backupFile}</Typography.Text>}
    </Card>
  );
}

function ConflictsCard() {
  const conflicts = useCall('exchange.conflicts', { status: 'open' });
  const decide = async (c: ConflictRow, choice: 'theirs' | 'ours') => {
    await call('exchange.resolve', { id: c.id, choice }, { success: choice === 'theirs' ? `已采用「${c.sourceUnit}」的值` : '已保留本台账的值', errorTitle: '未能处理' });
  };
  const rows = conflicts.data ?? [];
  return (
    <Card size="small" title={<Space>冲突处理{rows.length > 0 && <Tag color="red">{rows.length} 处待处理</Tag>}</Space>} data-testid="exchange-conflicts">
      {rows.length === 0 ? (
        <Alert type="success" showIcon message="没有待处理的冲突：两边修改的内容都已合并。" />
      ) : (
        <Table<ConflictRow>
          size="small"
          rowKey="id"
          loading={conflicts.loading}
          dataSource={rows}
          pagination={rows.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
          expandable={{
            expandedRowRender: (c) => (
              <Descriptions size="small" column={1} bordered>
                <Descriptions.Item label="上次交换时的值">{shown(c.base)}</Descriptions.Item>
                <Descriptions.Item label={`「${c.sourceUnit}」的值`}>{shown(c.theirs)}</Descriptions.Item>
                <Descriptions.Item label="本台账的值">{shown(c.ours)}</Descriptions.Item>
              </Descriptions>
            ),
          }}
          columns={[
            { title: '来源单位', dataIndex: 'sourceUnit', width: 160 },
            { title: '对象', dataIndex: 'entityLabel', width: 90 },
            { title: '记录', dataIndex: 'record', ellipsis: true },
            { title: '字段', dataIndex: 'columnLabel', width: 110 },
            { title: '对方的值', dataIndex: 'theirs', ellipsis: true, render: shown },
            { title: '本台账的值', dataIndex: 'ours', ellipsis: true, render: shown },
            {
              title: '',
              key: 'act',
              width: 210,
              render: (_: unknown, c) => (
                <Space>
                  <Button size="small" icon={<CheckOutlined />} disabled={c.column === '*'} onClick={() => void decide(c, 'theirs')} data-testid="exchange-take-theirs">
                    采用对方
                  </Button>
                  <Button size="small" icon={<RollbackOutlined />} onClick={() => void decide(c, 'ours')} data-testid="exchange-keep-ours">
                    保留本台账
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}

/** Per office whose packages came in: how far, when, and what came from it. */
function SourcesCard() {
  const sources = useCall('exchange.sources', {});
  type Source = Output<'exchange.sources'>[number];
  if (!sources.data?.length) return null;
  return (
    <Card size="small" title="各单位交换情况" data-testid="exchange-sources">
      <Table<Source>
        size="small"
        rowKey="sourceUnit"
        pagination={sources.data.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        dataSource={sources.data}
        columns={[
          { title: '来源单位', dataIndex: 'sourceUnit' },
          { title: '最近交换', dataIndex: 'lastAt', width: 150, render: (t: string) => dayjs(t).format('YYYY-MM-DD HH:mm') },
          { title: '已导入到第几号', dataIndex: 'appliedSeq', width: 120 },
          { title: '来自该单位的课题', dataIndex: 'topics', width: 130 },
          { title: '小课题', dataIndex: 'subtopics', width: 90 },
          { title: '台账记录', dataIndex: 'progress', width: 90 },
          { title: '待处理冲突', dataIndex: 'openConflicts', width: 100, render: (n: number) => (n ? <Tag color="red">{n}</Tag> : '—') },
        ]}
      />
    </Card>
  );
}

function HistoryCard() {
  const history = useCall('exchange.history', {});
  type Entry = Output<'exchange.history'>[number];
  return (
    <Card size="small" title="交换记录" data-testid="exchange-history">
      <Table<Entry>
        size="small"
        rowKey="id"
        loading={history.loading}
        dataSource={history.data ?? []}
        pagination={(history.data?.length ?? 0) > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        locale={{ emptyText: '还没有交换过' }}
        columns={[
          { title: '时间', dataIndex: 'at', width: 150, render: (t: string) => dayjs(t).format('YYYY-MM-DD HH:mm') },
          { title: '方向', dataIndex: 'direction', width: 70, render: (d: string) => (d === 'import' ? <Tag color="blue">导入</Tag> : <Tag>导出</Tag>) },
          { title: '单位', dataIndex: 'unit', width: 180 },
          { title: '文件', dataIndex: 'file', ellipsis: true },
          { title: '变更号', key: 'seq', width: 90, render: (_: unknown, e) => (e.fromSeq === null ? '—' : e.fromSeq === e.toSeq ? e.fromSeq : `${e.fromSeq}–${e.toSeq}`) },
          {
            title: '内容',
            key: 'summary',
            render: (_: unknown, e) =>
              e.direction === 'import' ? mergeCountsText((e.summary as { counts?: Record<string, number> }).counts) : (e.summary as { newChanges?: boolean }).newChanges ? '有新的变更' : '无新的变更',
          },
          { title: '操作员', dataIndex: 'operator', width: 90 },
        ]}
      />
    </Card>
  );
}

/** 交换: export, import, the conflict review and the history, one under the other. */
export function ExchangePage() {
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="exchange-page">
      <Typography.Title level={4} style={{ margin: 0 }}>
        交换
      </Typography.Title>
      <ExportCard />
      <ImportCard />
      <ConflictsCard />
      <SourcesCard />
      <HistoryCard />
    </Space>
  );
}
