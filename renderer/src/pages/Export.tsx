import { FileExcelOutlined, FilePdfOutlined, FileWordOutlined, FolderOpenOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Row, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { call, runExclusive, shellCall } from '../api';
import { useCampaign } from '../campaign';
import type { SaveKind } from '../../../shared/contract/shell';
import { UnitSelect } from '../components/UnitSelect';

interface Done {
  path: string;
  kind: SaveKind;
  note: string;
}

/** Save dialog, then the core writes the file, then offer to open or print it. Returns what was written. */
export async function saveAndRun(kind: SaveKind, suggestedName: string, label: string, run: (out: string) => Promise<{ path: string; pages?: number; missingGlyphs?: string[] } | undefined>): Promise<Done | undefined> {
  const picked = await shellCall('shell.saveFileAs', { kind, suggestedName });
  if (!picked) return undefined;
  const r = await runExclusive(label, () => run(picked.file));
  if (!r) return undefined;
  const notes = [r.pages ? `共 ${r.pages} 页` : '', r.missingGlyphs?.length ? `有 ${r.missingGlyphs.length} 个字无法显示：${r.missingGlyphs.slice(0, 10).join('')}` : ''].filter(Boolean);
  return { path: r.path, kind, note: notes.join('；') };
}

/** Open / print buttons for a file just written. */
export function DoneBar({ done }: { done: Done }) {
  return (
    <Alert
      type="success"
      showIcon
      style={{ marginTop: 12 }}
      data-testid="export-done"
      title={`已保存：${done.path}`}
      description={done.note || undefined}
      action={
        <Space orientation="vertical">
          <Button size="small" icon={<FolderOpenOutlined />} onClick={() => void shellCall('shell.openFile', { file: done.path })}>
            {done.kind === 'pdf' ? '预览' : '打开'}
          </Button>
          {done.kind === 'pdf' && (
            <Button size="small" icon={<PrinterOutlined />} onClick={() => void runExclusive('打印', () => shellCall('shell.printPdf', { file: done.path }))}>
              打印
            </Button>
          )}
        </Space>
      }
    />
  );
}

export function ExportPage() {
  const { campaignId, campaign } = useCampaign();
  const [done, setDone] = useState<Record<string, Done | undefined>>({});
  const [branchId, setBranchId] = useState<string | null>(null);
  const [overdue, setOverdue] = useState(false);
  const name = campaign?.name ?? '台账';
  const scope = campaignId ? { campaignId } : {};
  const run = async (key: string, p: Promise<Done | undefined>) => {
    const d = await p;
    if (d) setDone((m) => ({ ...m, [key]: d }));
  };

  return (
    <Row gutter={[16, 16]} data-testid="export-page">
      <Col xs={24} xl={12}>
        <Card size="small" title="导出 Excel 台账">
          <Typography.Paragraph type="secondary">标准台账工作簿：课题台账、责任人名册、成效指标、销号清单四张表，可直接报送或再导入。</Typography.Paragraph>
          <Button type="primary" icon={<FileExcelOutlined />} data-testid="export-ledger" onClick={() => void run('ledger', saveAndRun('xlsx', `${name}台账.xlsx`, '导出 Excel 台账', (out) => call('export.ledger', { out, ...scope })))}>
            导出 Excel…
          </Button>
          {done.ledger && <DoneBar done={done.ledger} />}
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title="空白模板">
          <Typography.Paragraph type="secondary">同样格式的空白表格，发给还在手工填表的网点，填好后可直接导入。</Typography.Paragraph>
          <Button icon={<FileExcelOutlined />} onClick={() => void run('template', saveAndRun('xlsx', '领题破题台账模板.xlsx', '生成空白模板', (out) => call('export.template', { out })))}>
            保存空白模板…
          </Button>
          {done.template && <DoneBar done={done.template} />}
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title="打印台账（A4 横向）">
          <Space wrap style={{ marginBottom: 12 }}>
            <UnitSelect kinds={['党支部', '党小组']} placeholder="全部支部" value={branchId} onChange={setBranchId} style={{ width: 220 }} />
            <Space size={4}>
              <Switch size="small" checked={overdue} onChange={setOverdue} aria-label="只打印有逾期的课题" />
              <span>只打印有逾期的课题</span>
            </Space>
          </Space>
          <div>
            <Button
              icon={<FilePdfOutlined />}
              data-testid="report-ledger"
              onClick={() =>
                void run('report', saveAndRun('pdf', `${name}台账.pdf`, '生成台账 PDF', (out) => call('report.ledger', { out, ...scope, ...(branchId ? { branchId } : {}), ...(overdue ? { overdue: true } : {}) })))
              }
            >
              生成台账 PDF…
            </Button>
          </div>
          {done.report && <DoneBar done={done.report} />}
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title="打印汇总">
          <Typography.Paragraph type="secondary">活动统计、汇总语句、各支部和各牵头部门进度、逾期事项。Word 文档内容和版式与 PDF 相同，可继续编辑。</Typography.Paragraph>
          <Space wrap>
            <Button icon={<FilePdfOutlined />} onClick={() => void run('summary', saveAndRun('pdf', `${name}汇总.pdf`, '生成汇总 PDF', (out) => call('report.summary', { out, ...scope })))}>
              生成汇总 PDF…
            </Button>
            <Button
              icon={<FileWordOutlined />}
              data-testid="summary-docx"
              onClick={() => void run('summary', saveAndRun('docx', `${name}汇总.docx`, '生成汇总 Word 文档', (out) => call('report.summary', { out, ...scope })))}
            >
              生成 Word…
            </Button>
          </Space>
          {done.summary && <DoneBar done={done.summary} />}
        </Card>
      </Col>
    </Row>
  );
}
