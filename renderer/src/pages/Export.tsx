import { Card } from 'antd';
import { hasMethod } from '../api';
import { NotWired } from '../components/NotWired';

export function ExportPage() {
  return <Card title="导出 / 打印">{!hasMethod('export.ledger') && <NotWired what="导出和打印" methods={['export.ledger', 'export.template', 'report.ledger', 'report.summary']} />}</Card>;
}
