import {
  ApartmentOutlined,
  BookOutlined,
  DashboardOutlined,
  ExportOutlined,
  SwapOutlined,
  ImportOutlined,
  PlusOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { App as AntApp, Button, Layout, Menu, Progress, Select, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { hasMethod, setNotifier, shellCall, useBusy, useCall } from './api';
import { CampaignProvider, useCampaign } from './campaign';
import { CampaignModal } from './components/CampaignModal';
import { OperatorModal } from './components/OperatorModal';
import { navigate, setLeavePrompt, useRoute } from './nav';
import { Dashboard } from './pages/Dashboard';
import { ExchangePage } from './pages/Exchange';
import { ExportPage } from './pages/Export';
import { ImportWizard } from './pages/Import';
import { People } from './pages/People';
import { SettingsPage } from './pages/Settings';
import { TopicList } from './pages/TopicList';
import { Units } from './pages/Units';
import { TopicDetailPage } from './topic/TopicDetail';

const MENU = [
  { key: 'home', icon: <DashboardOutlined />, label: '首页' },
  { key: 'topics', icon: <BookOutlined />, label: '课题' },
  { key: 'people', icon: <TeamOutlined />, label: '人员' },
  { key: 'units', icon: <ApartmentOutlined />, label: '组织' },
  { key: 'import', icon: <ImportOutlined />, label: '导入' },
  { key: 'export', icon: <ExportOutlined />, label: '导出/打印' },
  { key: 'exchange', icon: <SwapOutlined />, label: '交换' },
  { key: 'settings', icon: <SettingOutlined />, label: '设置' },
];

/** Hands antd's context-aware message/notification/modal to the api layer and the router. */
function Bridge() {
  const { message, notification, modal } = AntApp.useApp();
  useEffect(() => {
    setNotifier({
      error: (title, e) =>
        notification.error({
          title,
          description: (
            <div data-testid="error-notice">
              <div>{e.message}</div>
              {e.details && e.details.length > 1 && (
                <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
                  {e.details.slice(0, 8).map((d, i) => (
                    <li key={i}>{d.message}</li>
                  ))}
                </ul>
              )}
            </div>
          ),
          duration: 8,
        }),
      success: (t) => void message.success(t),
      warning: (t) => void message.warning(t),
    });
    setLeavePrompt(
      (n) =>
        new Promise((resolve) => {
          const m = modal.confirm({
            title: '有未保存的修改',
            content: `还有 ${n} 处修改没有保存。要先保存吗？`,
            okText: '保存',
            cancelText: '取消',
            closable: true,
            onOk: () => resolve('save'),
            onCancel: () => resolve('cancel'),
            footer: (_, { OkBtn, CancelBtn }) => (
              <>
                <CancelBtn />
                <Button
                  danger
                  onClick={() => {
                    resolve('discard');
                    m.destroy();
                  }}
                >
                  不保存
                </Button>
                <OkBtn />
              </>
            ),
          });
        }),
    );
  }, [message, notification, modal]);
  return null;
}

/** Long work (import, export, print): a blocking overlay with the elapsed time. */
function BusyOverlay() {
  const busy = useBusy();
  const [, tick] = useState(0);
  useEffect(() => {
    if (!busy) return;
    const t = setInterval(() => tick((n) => n + 1), 500);
    return () => clearInterval(t);
  }, [busy]);
  if (!busy) return null;
  const secs = Math.floor((Date.now() - busy.startedAt) / 1000);
  return (
    <div className="busy-overlay" data-testid="busy">
      <div className="busy-card">
        <Spin size="large" />
        <Typography.Title level={5} style={{ marginTop: 16 }}>
          正在{busy.label}…
        </Typography.Title>
        <Progress percent={99} status="active" showInfo={false} />
        <Typography.Text type="secondary">已用时 {secs} 秒，请稍候，不要关闭程序。</Typography.Text>
      </div>
    </div>
  );
}

function CampaignPicker() {
  const { campaigns, campaignId, setCampaignId } = useCampaign();
  const [creating, setCreating] = useState(false);
  return (
    <Space>
      <span style={{ color: '#fff' }}>活动</span>
      <Select
        data-testid="campaign-select"
        style={{ width: 280 }}
        value={campaignId}
        placeholder="请先新建活动"
        onChange={(v) => setCampaignId(v)}
        options={campaigns.map((c) => ({ value: c.id, label: `${c.name}` }))}
        notFoundContent="还没有活动"
      />
      <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
        新建活动
      </Button>
      <CampaignModal
        open={creating}
        onDone={(c) => {
          setCreating(false);
          if (c) setCampaignId(c.id);
        }}
      />
    </Space>
  );
}

/** 只读 beside the title when the ledger could only be opened for viewing (a read-only folder, a full disk); the reason on hover. */
function ReadOnlyTag() {
  const [reason, setReason] = useState<string | null>(null);
  useEffect(() => {
    // The window reloads when another ledger is opened, so asking once is enough.
    if (hasMethod('shell.ledgerInfo')) void shellCall('shell.ledgerInfo', {}).then((info) => setReason(info?.readOnly ?? null));
  }, []);
  if (!reason) return null;
  return (
    <Tooltip title={reason}>
      <Tag color="error" data-testid="read-only" style={{ marginInlineEnd: 0 }}>
        只读
      </Tag>
    </Tooltip>
  );
}

/** Whether this start already asked for the operator's name (asked once, not again after 以后再说). */
let operatorAsked = false;

/** 操作员 in the header: a button that sets the name; on a start with none set, the question comes by itself. */
function Operator() {
  const { data } = useCall('settings.get', {});
  const [editing, setEditing] = useState<'first' | 'change' | null>(null);
  useEffect(() => {
    if (data && !data.operator && !operatorAsked) {
      operatorAsked = true;
      setEditing('first');
    }
  }, [data]);
  return (
    <Typography.Text style={{ color: 'rgba(255,255,255,0.85)', whiteSpace: 'nowrap' }}>
      操作员：
      <Button type="link" size="small" data-testid="operator" onClick={() => setEditing('change')} style={{ color: '#fff', paddingInline: 0 }}>
        {data?.operator || '未设置'}
      </Button>
      <OperatorModal open={editing !== null} operator={data?.operator ?? ''} firstStart={editing === 'first'} onClose={() => setEditing(null)} />
    </Typography.Text>
  );
}

function Page() {
  const route = useRoute();
  const [first = 'home', second] = route.path;
  if (first === 'topic' && second) return <TopicDetailPage key={second} id={second} tab={route.query.get('tab') ?? 'breakdown'} />;
  switch (first) {
    case 'topics':
      return <TopicList />;
    case 'people':
      return <People />;
    case 'units':
      return <Units />;
    case 'import':
      return <ImportWizard />;
    case 'export':
      return <ExportPage />;
    case 'exchange':
      return <ExchangePage />;
    case 'settings':
      return <SettingsPage />;
    default:
      return <Dashboard />;
  }
}

function Shell() {
  const route = useRoute();
  const first = route.path[0] ?? 'home';
  const selected = first === 'topic' ? 'topics' : first;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {/* 48 px rather than antd's 64: at 1366×680 every pixel is a sub-topic row. */}
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24, paddingInline: 20, height: 48, lineHeight: '48px' }}>
        <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}>
          领题破题台账
        </Typography.Title>
        <ReadOnlyTag />
        <CampaignPicker />
        <div style={{ flex: 1 }} />
        <Operator />
      </Layout.Header>
      <Layout>
        <Layout.Sider width={168} theme="light" breakpoint="lg" collapsedWidth={56}>
          <Menu mode="inline" selectedKeys={[selected]} items={MENU} onClick={({ key }) => void navigate(key === 'home' ? '' : key)} style={{ height: '100%', borderInlineEnd: 0 }} />
        </Layout.Sider>
        <Layout.Content style={{ padding: '12px 16px', minWidth: 0 }}>
          <Page />
        </Layout.Content>
      </Layout>
      <BusyOverlay />
    </Layout>
  );
}

export function App() {
  return (
    <AntApp>
      <Bridge />
      <CampaignProvider>
        <Shell />
      </CampaignProvider>
    </AntApp>
  );
}
