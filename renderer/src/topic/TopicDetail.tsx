import { ArrowLeftOutlined, DeleteOutlined, EditOutlined, LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Popconfirm, Result, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { call, useCall } from '../api';
import { ExchangeSourceTag } from '../components/ExchangeSourceTag';
import { ReasonModal } from '../components/ReasonModal';
import { TopicForm } from '../components/TopicForm';
import { navigate } from '../nav';
import { STATUS_COLORS } from '../pages/TopicList';
import { Breakdown } from './Breakdown';
import { ChecklistTab } from './Checklist';
import { ClosureTab } from './Closure';
import { IndicatorsTab } from './Indicators';
import { ProgressTab } from './Progress';

/** One topic with everything under it, in tabs; a closed topic is read-only until re-opened with a reason. */
export function TopicDetailPage({ id, tab }: { id: string; tab: string }) {
  const { data, error } = useCall('topic.get', { id });
  const [editing, setEditing] = useState(false);
  const [reopening, setReopening] = useState(false);
  // 详情 stays open across topics once the clerk has opened it.
  const [showFacts, setShowFactsState] = useState(() => localStorage.getItem('topic-facts') === 'open');
  const toggleFacts = () => {
    localStorage.setItem('topic-facts', showFacts ? 'closed' : 'open');
    setShowFactsState(!showFacts);
  };
  if (error && !data) return <Result status="warning" title={error.message} extra={<Button onClick={() => void navigate('topics')}>返回课题列表</Button>} />;
  if (!data) return <Skeleton active />;
  const { topic, locked } = data;
  const done = data.subtopics.filter((s) => s.status === '已销号').length;

  return (
    <div data-testid="topic-detail">
      {/*
        One line for the topic and one for its facts (the full list under 详情): the header once took
        150 px of a 680 px window, and only 11 sub-topic rows fitted under it.
      */}
      <Card size="small" style={{ marginBottom: 4 }} styles={{ body: { padding: '4px 12px 6px' } }}>
        <div className="topic-head">
          <Button type="text" size="small" icon={<ArrowLeftOutlined />} onClick={() => void navigate('topics')} aria-label="返回课题列表" />
          <Typography.Text strong style={{ fontSize: 16 }} data-testid="topic-title" ellipsis={{ tooltip: true }}>
            {topic.code ? `${topic.code}. ` : ''}
            {topic.title}
          </Typography.Text>
          <Tag color={STATUS_COLORS[topic.status]} data-testid="topic-status">
            {topic.status}
          </Tag>
          {locked && <LockOutlined title="已锁定" />}
          <div style={{ flex: 1 }} />
          {locked ? (
            <Button size="small" icon={<UnlockOutlined />} onClick={() => setReopening(true)}>
              重新打开
            </Button>
          ) : (
            <>
              <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)}>
                修改课题
              </Button>
              <Popconfirm
                title="删除这个课题？"
                description="课题下的小课题、台账记录、指标等会一并删除。"
                okText="删除"
                okButtonProps={{ danger: true }}
                cancelText="取消"
                onConfirm={async () => {
                  if (await call('topic.delete', { id }, { success: '课题已删除' })) void navigate('topics', { force: true });
                }}
              >
                <Button size="small" danger icon={<DeleteOutlined />}>
                  删除
                </Button>
              </Popconfirm>
            </>
          )}
        </div>
        <div className="topic-facts" data-testid="topic-facts">
          <span>
            来源：{topic.source}
            {topic.assignment ? `（${topic.assignment}）` : ''}
          </span>
          <span>领题支部：{topic.branchName ?? '—'}</span>
          <span>牵头部门：{topic.leadDepartmentName ?? '—'}</span>
          <span>负责人：{topic.leaderName ?? '—'}</span>
          <span>
            周期：{topic.startDate ?? '—'} 至 {topic.endDate ?? '—'}
          </span>
          <span>
            小课题销号：{done} / {data.subtopics.length}
          </span>
          {topic.sourceUnit && (
            <span>
              交换来源：<ExchangeSourceTag unit={topic.sourceUnit} at={topic.exchangedAt} />
            </span>
          )}
          <Typography.Link onClick={toggleFacts} data-testid="topic-facts-toggle">
            {showFacts ? '收起' : '详情'}
          </Typography.Link>
        </div>
        {showFacts && (
          <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }} style={{ marginTop: 6 }}>
            <Descriptions.Item label="来源">
              {topic.source}
              {topic.assignment ? `（${topic.assignment}）` : ''}
            </Descriptions.Item>
            <Descriptions.Item label="领题支部">{topic.branchName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="牵头部门">{topic.leadDepartmentName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="负责人">{topic.leaderName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="开始">{topic.startDate ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="计划完成">{topic.endDate ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="小课题销号">
              {done} / {data.subtopics.length}
            </Descriptions.Item>
            {topic.sourceUnit && (
              <Descriptions.Item label="交换来源">
                <Space size={4}>
                  <ExchangeSourceTag unit={topic.sourceUnit} at={topic.exchangedAt} />
                  {topic.exchangedAt && <Typography.Text type="secondary">最近交换 {dayjs(topic.exchangedAt).format('YYYY-MM-DD HH:mm')}</Typography.Text>}
                </Space>
              </Descriptions.Item>
            )}
            <Descriptions.Item label="课题目标" span="filled">
              {topic.goal || '—'}
            </Descriptions.Item>
          </Descriptions>
        )}
        {locked && (
          <Alert
            type="info"
            showIcon
            style={{ marginTop: 4, paddingBlock: 4 }}
            title={`课题${topic.status}，内容已锁定，只能查看。如需修改，请点击“重新打开”并说明原因（记入操作日志）。`}
          />
        )}
      </Card>
      <Tabs
        size="small"
        tabBarStyle={{ marginBottom: 6 }}
        activeKey={tab}
        onChange={(k) => void navigate(`topic/${id}?tab=${k}`)}
        destroyOnHidden
        items={[
          { key: 'breakdown', label: `课题分解（${data.subtopics.length}）`, children: <Breakdown detail={data} /> },
          { key: 'progress', label: `台账（${data.progress.length}）`, children: <ProgressTab detail={data} /> },
          { key: 'indicators', label: `成效指标（${data.indicators.length}）`, children: <IndicatorsTab detail={data} /> },
          { key: 'checklist', label: '销号清单', children: <ChecklistTab detail={data} /> },
          { key: 'closure', label: '结题', children: <ClosureTab detail={data} /> },
        ]}
      />
      <TopicForm open={editing} campaignId={topic.campaignId} topic={topic} onDone={() => setEditing(false)} />
      <ReasonModal
        open={reopening}
        title="重新打开课题"
        label="重新打开的原因"
        onCancel={() => setReopening(false)}
        onOk={async (reason) => {
          if (await call('topic.reopen', { id, reason }, { success: '课题已重新打开' })) setReopening(false);
        }}
      />
    </div>
  );
}
