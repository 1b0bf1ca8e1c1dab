import { CloudDownloadOutlined, FolderOpenOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Descriptions, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import type { BackupEntry, LedgerInfo } from '../../../shared/contract/shell';
import { hasMethod, runExclusive, shellCall } from '../api';

/** 台账文件与备份: where the ledger is, its automatic backups, restoring one. Answered by the desktop shell. */
export function BackupsCard() {
  const { modal } = AntApp.useApp();
  const [info, setInfo] = useState<LedgerInfo | null>(null);
  const [backups, setBackups] = useState<BackupEntry[]>([]);
  const available = hasMethod('shell.ledgerInfo') && hasMethod('shell.backups');
  const load = useCallback(async () => {
    if (!available) return;
    setInfo((await shellCall('shell.ledgerInfo', {})) ?? null);
    setBackups((await shellCall('shell.backups', {})) ?? []);
  }, [available]);
  useEffect(() => {
    void load();
  }, [load]);

  if (!available) {
    return (
      <Card size="small" title="台账文件与备份">
        <Typography.Text type="secondary">此功能尚未接入：台账文件位置和备份列表由桌面程序提供。</Typography.Text>
      </Card>
    );
  }
  return (
    <Card size="small" title="台账文件与备份" data-testid="backups">
      {info && (
        <Descriptions size="small" column={1} style={{ marginBottom: 8 }}>
          <Descriptions.Item label="台账文件">
            <Typography.Text copyable>{info.file}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="最近备份">{info.lastBackupAt ? dayjs(info.lastBackupAt).format('YYYY-MM-DD HH:mm') : '还没有备份'}</Descriptions.Item>
        </Descriptions>
      )}
      {info?.readOnly && <Alert type="error" showIcon title={`只读：${info.readOnly}`} style={{ marginBottom: 8 }} />}
      {info?.warning && <Alert type="warning" showIcon title={info.warning} style={{ marginBottom: 8 }} />}
      <Space wrap style={{ marginBottom: 8 }}>
        <Button icon={<SaveOutlined />} onClick={async () => (await runExclusive('备份', () => shellCall('shell.backupNow', {}, { success: '已备份' }))) && void load()}>
          立即备份
        </Button>
        <Button icon={<CloudDownloadOutlined />} onClick={() => void runExclusive('另存备份', () => shellCall('shell.saveBackupAs', {}, { success: '备份已保存' }))}>
          备份到U盘等位置…
        </Button>
        <Button icon={<FolderOpenOutlined />} onClick={() => void shellCall('shell.openDataFolder', {})}>
          打开数据文件夹
        </Button>
      </Space>
      <Table<BackupEntry>
        size="small"
        rowKey="name"
        dataSource={backups}
        pagination={backups.length > 8 ? { pageSize: 8, size: 'small' } : false}
        locale={{ emptyText: '还没有备份' }}
        columns={[
          { title: '时间', dataIndex: 'createdAt', width: 150, render: (t: string) => dayjs(t).format('YYYY-MM-DD HH:mm') },
          { title: '原因', dataIndex: 'reasonLabel' },
          { title: '大小', dataIndex: 'size', width: 90, render: (n: number) => `${Math.max(1, Math.round(n / 1024))} KB` },
          {
            title: '',
            key: 'ops',
            width: 80,
            render: (_, b) => (
              <Button
                size="small"
                onClick={() =>
                  modal.confirm({
                    title: '恢复这个备份？',
                    content: `台账将回到 ${dayjs(b.createdAt).format('YYYY-MM-DD HH:mm')} 的状态。恢复前会先自动备份当前台账，恢复后还可以再恢复回来。`,
                    okText: '恢复',
                    cancelText: '取消',
                    onOk: async () => {
                      const r = await runExclusive('恢复备份', () => shellCall('shell.restoreBackup', { name: b.name }, { success: '已恢复' }));
                      if (r) void load();
                    },
                  })
                }
              >
                恢复
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}
