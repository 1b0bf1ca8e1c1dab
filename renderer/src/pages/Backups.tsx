import { Card, Typography } from 'antd';
import { hasMethod } from '../api';

/** 台账文件与备份 — wired to the shell's methods when they exist. */
export function BackupsCard() {
  return (
    <Card size="small" title="台账文件与备份">
      {!hasMethod('shell.listBackups') && <Typography.Text type="secondary">此功能尚未接入：台账文件位置和备份列表由桌面程序外壳提供。</Typography.Text>}
    </Card>
  );
}
