import { Alert, Card, Layout, Statistic, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { typedCall } from '../../shared/api';
import type { Stats } from '../../shared/domain/schemas';

const call = typedCall(window.api);

/** Placeholder home page until the clerk's screens land: the campaign statistics from the core. */
export function App() {
  const [stats, setStats] = useState<Stats | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void call('stats.get', {}).then((r) => (r.ok ? setStats(r.data) : setError(r.error.message)));
  }, []);
  return (
    <Layout style={{ minHeight: '100vh', padding: 24 }}>
      <Typography.Title level={3}>领题破题台账</Typography.Title>
      {error && <Alert type="error" showIcon message={error} />}
      {stats && (
        <Card>
          <Typography.Paragraph copyable>{stats.summary}</Typography.Paragraph>
          <Statistic title="已销号小课题" value={stats.closedSubtopics} suffix={`/ ${stats.subtopics}`} />
        </Card>
      )}
    </Layout>
  );
}
