import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Input, Progress, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { TOPIC_STATUSES, type TopicStatus } from '../../../shared/domain/enums';
import type { TopicListRow } from '../../../shared/domain/schemas';
import { useCall } from '../api';
import { useCampaign } from '../campaign';
import { ExchangeSourceTag } from '../components/ExchangeSourceTag';
import { TopicForm } from '../components/TopicForm';
import { UnitSelect } from '../components/UnitSelect';
import { navigate, useRoute } from '../nav';
import { useDebounced } from '../useDebounced';

export const STATUS_COLORS: Record<string, string> = {
  已出题: 'default',
  已领题: 'cyan',
  破题中: 'blue',
  已结题: 'gold',
  已验收: 'green',
  未开始: 'default',
  推进中: 'blue',
  待验收: 'orange',
  已销号: 'green',
  退回整改: 'red',
};

function useWindowHeight() {
  const [h, setH] = useState(window.innerHeight);
  useEffect(() => {
    const on = () => setH(window.innerHeight);
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  return h;
}

const cmp = (a: string | null, b: string | null) => (a ?? '').localeCompare(b ?? '', 'zh-CN', { numeric: true });

export function TopicList() {
  const { campaignId } = useCampaign();
  const route = useRoute();
  const [typed, setTyped] = useState('');
  // Filters while typing (the clerk need not press Enter), once the typing pauses.
  const q = useDebounced(typed);
  const [status, setStatus] = useState<TopicStatus[]>([]);
  const [branchId, setBranchId] = useState<string | null>(null);
  const [deptId, setDeptId] = useState<string | null>(null);
  // The dashboard's 逾期 link opens the list already filtered.
  const [overdue, setOverdue] = useState(route.query.get('overdue') === '1');
  const [creating, setCreating] = useState(false);
  const height = useWindowHeight();
  const filter = useMemo(
    () =>
      campaignId
        ? {
            campaignId,
            ...(q.trim() ? { q: q.trim() } : {}),
            ...(status.length ? { status } : {}),
            ...(branchId ? { branchId } : {}),
            ...(deptId ? { leadDepartmentId: deptId } : {}),
            ...(overdue ? { overdue: true } : {}),
          }
        : null,
    [campaignId, q, status, branchId, deptId, overdue],
  );
  const { data, loading } = useCall('topic.list', filter);
  const rows = data ?? [];
  const exchanged = rows.some((r) => r.sourceUnit);

  if (!campaignId) return <Empty description="请先在上方新建或选择一个活动" />;
  return (
    <Card
      title={
        <Space>
          <span>课题</span>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }} data-testid="topic-count">
            共 {rows.length} 项
          </Typography.Text>
        </Space>
      }
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          新建课题
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder="搜索课题名称、序号、负责人" style={{ width: 260 }} value={typed} onChange={(e) => setTyped(e.target.value)} onSearch={setTyped} data-testid="topic-search" />
        <Select mode="multiple" allowClear placeholder="状态" style={{ minWidth: 180 }} value={status} onChange={setStatus} options={TOPIC_STATUSES.map((s) => ({ value: s, label: s }))} maxTagCount="responsive" />
        <UnitSelect kinds={['党支部', '党小组']} placeholder="领题支部" value={branchId} onChange={setBranchId} style={{ width: 200 }} />
        <UnitSelect kinds={['部门']} placeholder="牵头部门" value={deptId} onChange={setDeptId} style={{ width: 180 }} />
        <Space size={4}>
          <Switch checked={overdue} onChange={setOverdue} size="small" aria-label="只看有逾期的课题" />
          <span>只看有逾期</span>
        </Space>
      </Space>
      <Table<TopicListRow>
        data-testid="topic-table"
        virtual
        // Fits the card in a 1366-wide window (1108 px): no sideways scrollbar.
        scroll={{ x: 1100, y: Math.max(300, height - 330) }}
        size="small"
        rowKey="id"
        loading={loading && !data}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: filter && Object.keys(filter).length > 1 ? '没有符合条件的课题' : '还没有课题，点击右上角“新建课题”' }}
        onRow={(r) => ({ onClick: () => void navigate(`topic/${r.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: '序号', dataIndex: 'code', width: 60, sorter: (a, b) => cmp(a.code, b.code) },
          { title: '课题名称', dataIndex: 'title', width: 236, ellipsis: true, sorter: (a, b) => cmp(a.title, b.title) },
          { title: '来源', dataIndex: 'source', width: 84, sorter: (a, b) => cmp(a.source, b.source) },
          { title: '领题支部', dataIndex: 'branchName', width: 140, ellipsis: true, sorter: (a, b) => cmp(a.branchName, b.branchName) },
          { title: '牵头部门', dataIndex: 'leadDepartmentName', width: 120, ellipsis: true, sorter: (a, b) => cmp(a.leadDepartmentName, b.leadDepartmentName) },
          { title: '负责人', dataIndex: 'leaderName', width: 80, sorter: (a, b) => cmp(a.leaderName, b.leaderName) },
          {
            title: '状态',
            dataIndex: 'status',
            width: 80,
            sorter: (a, b) => TOPIC_STATUSES.indexOf(a.status) - TOPIC_STATUSES.indexOf(b.status),
            render: (s: string) => <Tag color={STATUS_COLORS[s]}>{s}</Tag>,
          },
          {
            title: '销号进度',
            key: 'progress',
            width: 140,
            sorter: (a, b) => a.closedSubtopics / (a.subtopics || 1) - b.closedSubtopics / (b.subtopics || 1),
            render: (_, r) => (
              <Space size={6}>
                <Progress percent={r.subtopics ? Math.round((r.closedSubtopics / r.subtopics) * 100) : 0} size="small" style={{ width: 60, margin: 0 }} showInfo={false} />
                <span>
                  {r.closedSubtopics}/{r.subtopics}
                </span>
              </Space>
            ),
          },
          {
            title: '逾期',
            dataIndex: 'overdue',
            width: 60,
            sorter: (a, b) => a.overdue - b.overdue,
            render: (n: number) => (n ? <Tag color="red">{n}</Tag> : null),
          },
          // A ledger that takes other offices' packages (the committee's) shows where each topic came from instead of 计划完成,
          // so the list still fits a 1366-wide window; a branch's own ledger keeps 计划完成.
          exchanged
            ? {
                title: '交换来源',
                dataIndex: 'sourceUnit',
                width: 100,
                ellipsis: true,
                sorter: (a, b) => cmp(a.sourceUnit, b.sourceUnit),
                render: (_, r) => (r.sourceUnit ? <ExchangeSourceTag unit={r.sourceUnit} at={r.exchangedAt} /> : null),
              }
            : { title: '计划完成', dataIndex: 'endDate', width: 100, sorter: (a, b) => cmp(a.endDate, b.endDate) },
        ]}
      />
      {campaignId && (
        <TopicForm
          open={creating}
          campaignId={campaignId}
          onDone={(t) => {
            setCreating(false);
            if (t) void navigate(`topic/${t.id}`);
          }}
        />
      )}
    </Card>
  );
}
