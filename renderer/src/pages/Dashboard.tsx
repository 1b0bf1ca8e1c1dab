import { Card, Col, Empty, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { AuditEntry, Deadline, ProgressGroup } from '../../../shared/domain/schemas';
import { AUDIT_ACTION_LABELS, ENTITY_LABELS } from '../../../shared/domain/enums';
import { useCall } from '../api';
import { useCampaign } from '../campaign';
import { EChart } from '../components/EChart';
import { navigate } from '../nav';

/**
 * A province has 185 branches: a chart of all of them is 6,000 px tall and
 * slow to draw. Past this many, the chart shows those furthest behind (the
 * ones a committee follows up), slowest at the bottom as in the full chart.
 */
const MOST_BARS = 25;
const slowest = (groups: ProgressGroup[]) => (groups.length > MOST_BARS ? groups.slice(-MOST_BARS) : groups);

function barOption(data: ProgressGroup[]) {
  return {
    grid: { left: 8, right: 40, top: 30, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (ps: { dataIndex: number }[]) => {
        const d = data[ps[0]?.dataIndex ?? 0];
        return d ? `${d.name}<br/>课题 ${d.topics} 项，小课题已销号 ${d.done} / ${d.total}（${d.pct}%）` : '';
      },
    },
    legend: { data: ['已销号', '未销号'], top: 0 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: data.map((d) => d.name), inverse: true, axisLabel: { width: 140, overflow: 'truncate' } },
    series: [
      { name: '已销号', type: 'bar', stack: 'n', data: data.map((d) => d.done), itemStyle: { color: '#52c41a' }, label: { show: true, position: 'inside', formatter: (p: { value: number }) => (p.value ? String(p.value) : '') } },
      { name: '未销号', type: 'bar', stack: 'n', data: data.map((d) => d.total - d.done), itemStyle: { color: '#d9d9d9' } },
    ],
  };
}

function auditName(e: AuditEntry): string {
  const rec = (e.after ?? e.before) as Record<string, unknown> | null;
  if (!rec || typeof rec !== 'object') return '';
  for (const k of ['title', 'name', 'item', 'content', 'fileName', 'award']) {
    const v = rec[k];
    if (typeof v === 'string' && v) return v.length > 40 ? `${v.slice(0, 40)}…` : v;
  }
  return '';
}

function DeadlineTable({ rows, total, overdue, testId }: { rows: Deadline[]; total: number; overdue: boolean; testId: string }) {
  return (
    <>
    <Table<Deadline>
      data-testid={testId}
      size="small"
      rowKey="subtopicId"
      dataSource={rows}
      pagination={rows.length > 8 ? { pageSize: 8, size: 'small' } : false}
      locale={{ emptyText: overdue ? '没有逾期的小课题' : '近 14 天没有到期的小课题' }}
      onRow={(r) => ({ onClick: () => void navigate(`topic/${r.topicId}?tab=breakdown`), style: { cursor: 'pointer' } })}
      columns={[
        { title: '小课题', dataIndex: 'subtopicTitle', ellipsis: true },
        { title: '课题', dataIndex: 'topicTitle', ellipsis: true, responsive: ['xl'] },
        { title: '责任人', dataIndex: 'owners', width: 110, ellipsis: true },
        { title: '完成时限', dataIndex: 'deadline', width: 104 },
        {
          title: overdue ? '逾期' : '剩余',
          dataIndex: 'daysLeft',
          width: 86,
          render: (d: number, r) => (
            <>
              <Tag color={overdue ? 'red' : d <= 3 ? 'orange' : 'blue'}>{overdue ? `${-d} 天` : d === 0 ? '今天' : `${d} 天`}</Tag>
              {r.supervised && <Tag color="purple">督办</Tag>}
            </>
          ),
        },
      ]}
    />
      {total > rows.length && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`${testId}-more`}>
          共 {total} 项，这里列出最早到期的 {rows.length} 项；
          <Typography.Link onClick={() => void navigate(overdue ? 'topics?overdue=1' : 'topics')}>{overdue ? '到课题列表查看有逾期的课题' : '到课题列表查看'}</Typography.Link>
        </Typography.Text>
      )}
    </>
  );
}

export function Dashboard() {
  const { campaignId, campaign, loading: campaignsLoading } = useCampaign();
  // Offices whose packages this ledger took: the figures can be cut to what one of them brought.
  const sources = useCall('exchange.sources', {});
  const [sourceUnitId, setSourceUnitId] = useState<string | undefined>();
  const scope = campaignId ? { campaignId, ...(sourceUnitId ? { sourceUnitId } : {}) } : null;
  // One call, summarised in the core: the quoted sentence shows at once even for a whole province.
  const board = useCall('dashboard.get', scope ? { ...scope, rows: 40, days: 14 } : null);
  const audit = useCall('audit.list', { limit: 15 });
  const byBranch = board.data?.byBranch ?? [];
  const byDept = board.data?.byDepartment ?? [];
  const overdue = board.data?.overdue ?? { total: 0, rows: [] };
  const upcoming = board.data?.upcoming ?? { total: 0, rows: [] };

  if (!campaignId) {
    return campaignsLoading ? null : (
      <Card>
        <Empty description="还没有活动。请点击上方“新建活动”，或到“导入”页导入已有的 Excel 台账。" />
      </Card>
    );
  }
  const s = board.data?.stats;
  const pct = (a: number, b: number) => (b ? `${Math.round((a / b) * 100)}%` : '—');
  const chartHeight = (n: number) => Math.max(160, n * 34 + 50);
  return (
    <div data-testid="dashboard">
      <Space style={{ width: '100%', justifyContent: 'space-between', alignItems: 'baseline' }} wrap>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {campaign?.name}
        </Typography.Title>
        {!!sources.data?.length && (
          <Select
            allowClear
            placeholder="全部来源单位"
            style={{ minWidth: 220 }}
            value={sourceUnitId}
            onChange={setSourceUnitId}
            data-testid="source-filter"
            options={sources.data.filter((x) => x.unitId).map((x) => ({ value: x.unitId!, label: `来自 ${x.sourceUnit} 的课题` }))}
          />
        )}
      </Space>
      {s && (
        <Card size="small" style={{ marginBottom: 16 }}>
          <Typography.Paragraph copyable={{ tooltips: ['复制这句话', '已复制'] }} style={{ fontSize: 15, marginBottom: 0 }} data-testid="summary">
            {s.summary}
          </Typography.Paragraph>
        </Card>
      )}
      {s && (
        <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
          {[
            { title: '课题', value: s.topics, suffix: '项', id: 'topics' },
            { title: '小课题已销号', value: s.closedSubtopics, suffix: `/ ${s.subtopics}`, id: 'closed' },
            { title: '逾期小课题', value: s.overdueSubtopics, suffix: '项', id: 'overdue', danger: s.overdueSubtopics > 0 },
            { title: '参与人员', value: s.people, suffix: `人（党员 ${s.party}，骨干 ${s.backbone}）`, id: 'people' },
            { title: '成效指标达标', value: s.indicatorsMet, suffix: `/ ${s.indicators}（${pct(s.indicatorsMet, s.indicators)}）`, id: 'indicators' },
            { title: '销号清单完成', value: s.checklistDone, suffix: `/ ${s.checklist}`, id: 'checklist' },
          ].map((c) => (
            <Col key={c.id} xs={12} md={8} xl={4}>
              <Card size="small">
                <Statistic title={c.title} value={c.value} suffix={<span style={{ fontSize: 13 }}>{c.suffix}</span>} styles={{ content: c.danger ? { color: '#cf1322' } : undefined }} data-testid={`stat-${c.id}`} />
              </Card>
            </Col>
          ))}
        </Row>
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card size="small" title={byBranch.length > MOST_BARS ? `各支部推进情况（进度最慢的 ${MOST_BARS} 个，共 ${byBranch.length} 个支部）` : '各支部推进情况（小课题销号）'}>
            {byBranch.length ? <EChart option={barOption(slowest(byBranch))} height={chartHeight(Math.min(byBranch.length, MOST_BARS))} testId="chart-branch" /> : <Empty description="暂无课题" />}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={byDept.length > MOST_BARS ? `各牵头部门推进情况（进度最慢的 ${MOST_BARS} 个，共 ${byDept.length} 个部门）` : '各牵头部门推进情况（小课题销号）'}>
            {byDept.length ? <EChart option={barOption(slowest(byDept))} height={chartHeight(Math.min(byDept.length, MOST_BARS))} testId="chart-dept" /> : <Empty description="暂无课题" />}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={<span style={{ color: '#cf1322' }}>逾期未销号（{overdue.total}）</span>}>
            <DeadlineTable rows={overdue.rows} total={overdue.total} overdue testId="overdue-table" />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={`近 14 天到期（${upcoming.total}）`}>
            <DeadlineTable rows={upcoming.rows} total={upcoming.total} overdue={false} testId="upcoming-table" />
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small" title="最近的台账变动">
            <Table<AuditEntry>
              size="small"
              rowKey="id"
              dataSource={audit.data ?? []}
              pagination={false}
              columns={[
                { title: '时间', dataIndex: 'at', width: 150, render: (t: string) => dayjs(t).format('YYYY-MM-DD HH:mm') },
                { title: '操作员', dataIndex: 'operator', width: 100 },
                { title: '操作', dataIndex: 'action', width: 90, render: (a: string) => (AUDIT_ACTION_LABELS as Record<string, string>)[a] ?? a },
                { title: '对象', dataIndex: 'entity', width: 110, render: (e: string) => ENTITY_LABELS[e as keyof typeof ENTITY_LABELS] ?? e },
                { title: '内容', key: 'name', ellipsis: true, render: (_, e) => auditName(e) },
                { title: '原因', dataIndex: 'reason', ellipsis: true },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
