import { Card } from 'antd';
import { hasMethod } from '../api';
import { NotWired } from '../components/NotWired';

export function ImportWizard() {
  return <Card title="导入 Excel 台账">{!hasMethod('import.analyze') && <NotWired what="导入" methods={['import.analyze', 'import.commit']} />}</Card>;
}
