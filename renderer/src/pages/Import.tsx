import { FileExcelOutlined, ReloadOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Descriptions, Input, Progress, Result, Select, Space, Statistic, Steps, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { SHEET_KIND_LABELS, SHEET_KINDS, type ImportAnalysis, type ImportIssue, type ImportMapping, type ImportResult, type SheetKind } from '../../../shared/contract/imports';
import { call, hasMethod, runExclusive, shellCall } from '../api';
import { useCampaign } from '../campaign';
import { navigate } from '../nav';
import { COUNT_LABELS, ImportHistory } from './ImportHistory';

type Sheet = ImportAnalysis['sheets'][number];
type Column = Sheet['columns'][number];

/**
 * 导入 wizard: pick a workbook, see how its sheets and columns were read (and
 * correct them), see the dry run's problems by row, import, see the result.
 * The same options go to the dry run and to the import.
 */
export function ImportWizard() {
  const { setCampaignId } = useCampaign();
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<{ file: string; name: string } | null>(null);
  const [campaign, setCampaign] = useState('');
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [analysis, setAnalysis] = useState<ImportAnalysis | null>(null);
  const [skipErrorRows, setSkipErrorRows] = useState(false);
  const [clearBlank, setClearBlank] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);

  const options = (m = mapping, f = file, clear = clearBlank) => ({
    file: f!.file,
    ...(campaign.trim() ? { campaign: campaign.trim() } : {}),
    ...(Object.keys(m).length ? { mapping: m } : {}),
    ...(clear ? { clearBlank: true } : {}),
  });
  const analyze = async (m = mapping, f = file, clear = clearBlank) => {
    if (!f) return;
    const a = await runExclusive('识别文件', () => call('import.analyze', options(m, f, clear), { errorTitle: '文件未能识别' }));
    if (a) {
      setAnalysis(a);
      if (step === 0) setStep(1);
    }
  };
  const pick = async () => {
    const picked = await shellCall('shell.pickImportFile', {});
    if (!picked) return;
    setFile(picked);
    setMapping({});
    setAnalysis(null);
    setResult(null);
    setClearBlank(false);
    const a = await runExclusive('识别文件', () => call('import.analyze', options({}, picked, false), { errorTitle: '文件未能识别' }));
    if (a) {
      setAnalysis(a);
      setStep(1);
    }
  };
  const commit = async () => {
    const r = await runExclusive('导入', () => call('import.commit', { ...options(), skipErrorRows }, { errorTitle: '导入未完成' }));
    if (r) {
      setResult(r);
      setCampaignId(r.campaignId);
      setStep(4);
    }
  };
  const saveFailedRows = async () => {
    const out = await shellCall('shell.saveFileAs', { kind: 'xlsx', suggestedName: `${file?.name.replace(/\.[^.]+$/, '') ?? '导入'}-有问题的行.xlsx` });
    if (!out) return;
    const r = await runExclusive('导出有问题的行', () => call('import.failedRows', { ...options(), output: out.file }));
    if (r) await shellCall('shell.openFile', { file: r.file });
  };
  const setSheet = (sheet: string, patch: ImportMapping[string]) => {
    const next = { ...mapping, [sheet]: { ...mapping[sheet], ...patch } };
    setMapping(next);
    void analyze(next);
  };

  const errors = analysis?.issues.filter((i) => i.severity === 'error') ?? [];

  return (
    <Card title="导入 Excel 台账" data-testid="import-wizard">
      <Steps
        current={step}
        style={{ marginBottom: 20 }}
        items={[{ title: '选择文件' }, { title: '识别结果' }, { title: '试导入问题' }, { title: '导入' }, { title: '结果' }]}
      />
      {step === 0 && (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <Typography.Paragraph>选择本单位原来用 Excel 记的台账（.xlsx、.xls 或 .csv）。程序会先识别工作表和各列的含义，给您核对，确认后才写入台账；写入前会自动备份。</Typography.Paragraph>
          <Space>
            <span>导入到活动</span>
            <Input value={campaign} onChange={(e) => setCampaign(e.target.value)} placeholder="不填则按表格标题或文件名" style={{ width: 320 }} />
          </Space>
          <Button type="primary" size="large" icon={<FileExcelOutlined />} onClick={() => void pick()} data-testid="import-pick">
            选择 Excel 文件…
          </Button>
          {hasMethod('importBatch.list') && <ImportHistory />}
        </Space>
      )}
      {step >= 1 && step <= 3 && analysis && (
        <>
          <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
            <Descriptions.Item label="文件">{analysis.file.name}</Descriptions.Item>
            <Descriptions.Item label="导入到活动">
              {analysis.campaign.name}
              {analysis.campaign.exists ? <Tag style={{ marginLeft: 8 }}>已有活动，合并</Tag> : <Tag color="blue" style={{ marginLeft: 8 }}>新建</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label="识别到">
              {Object.entries(analysis.counts)
                .filter(([, n]) => n > 0)
                .map(([k, n]) => `${COUNT_LABELS[k] ?? k} ${n}`)
                .join('，') || '没有可导入的数据'}
            </Descriptions.Item>
          </Descriptions>
        </>
      )}
      {step === 1 && analysis && (
        <>
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title="请核对每个工作表的类型和每一列对应的台账字段。标黄的列程序没有把握，请确认；改动后会自动重新识别。" />
          {analysis.sheets.map((sheet) => (
            <SheetCard key={sheet.name} sheet={sheet} fields={analysis.fields} onChange={(patch) => setSheet(sheet.name, patch)} />
          ))}
          <Space>
            <Button onClick={() => setStep(0)}>上一步</Button>
            <Button icon={<ReloadOutlined />} onClick={() => void analyze()}>
              重新识别
            </Button>
            <Button type="primary" onClick={() => setStep(2)} data-testid="import-next">
              下一步：试导入
            </Button>
          </Space>
        </>
      )}
      {step === 2 && analysis && (
        <>
          {analysis.issues.length === 0 ? (
            <Alert type="success" showIcon style={{ marginBottom: 12 }} title="试导入没有发现问题。" />
          ) : (
            <Alert
              type={errors.length ? 'error' : 'warning'}
              showIcon
              style={{ marginBottom: 12 }}
              title={errors.length ? `有 ${analysis.errorRows} 行存在错误，需要改正 Excel 后重新导入，或勾选“跳过有错误的行”。` : `有 ${analysis.issues.length} 处提醒，不影响导入，请过目。`}
            />
          )}
          <IssueTable issues={analysis.issues} />
          <div style={{ marginTop: 12 }}>
            <Checkbox
              checked={clearBlank}
              data-testid="import-clear-blank"
              onChange={(e) => {
                // The dry run lists what would be cleared: it runs again with the option.
                setClearBlank(e.target.checked);
                void analyze(mapping, file, e.target.checked);
              }}
            >
              清空空白单元格
            </Checkbox>
            <Typography.Text type="secondary">
              不勾选时，表格中留空的单元格不会改动台账里已有的内容；勾选后，留空的单元格会清空台账里对应的内容（将清空的内容列在上表中）。表格中没有的列始终不改动。
            </Typography.Text>
          </div>
          <Space style={{ marginTop: 12 }} wrap>
            <Button onClick={() => setStep(1)}>上一步</Button>
            {errors.length > 0 && (
              <>
                <Checkbox checked={skipErrorRows} onChange={(e) => setSkipErrorRows(e.target.checked)}>
                  跳过有错误的行（{analysis.errorRows} 行）
                </Checkbox>
                <Button onClick={() => void saveFailedRows()}>导出有问题的行…</Button>
              </>
            )}
            <Button type="primary" disabled={errors.length > 0 && !skipErrorRows} onClick={() => setStep(3)} data-testid="import-next">
              下一步
            </Button>
          </Space>
        </>
      )}
      {step === 3 && analysis && (
        <Space orientation="vertical" size="large">
          <Typography.Paragraph>
            将把 {Object.entries(analysis.counts).filter(([, n]) => n > 0).map(([k, n]) => `${COUNT_LABELS[k] ?? k} ${n} 项`).join('、')} 写入活动「{analysis.campaign.name}」。已有的同名课题会更新，不会重复；{clearBlank ? '已勾选“清空空白单元格”，留空的单元格会清空已有的内容' : '留空的单元格不改动已有的内容'}。写入前自动备份台账，导入后也可以整批撤销。
          </Typography.Paragraph>
          <Space>
            <Button onClick={() => setStep(2)}>上一步</Button>
            <Button type="primary" size="large" onClick={() => void commit()} data-testid="import-commit">
              开始导入
            </Button>
          </Space>
        </Space>
      )}
      {step === 4 && result && <ResultView result={result} onAgain={() => setStep(0)} onUndone={() => setStep(0)} />}
    </Card>
  );
}

function SheetCard({ sheet, fields, onChange }: { sheet: Sheet; fields: ImportAnalysis['fields']; onChange: (patch: ImportMapping[string]) => void }) {
  const options = useMemo(
    () => [{ value: '', label: '（忽略此列）' }, ...fields.filter((f) => f.kind === sheet.kind).map((f) => ({ value: f.key, label: f.label }))],
    [fields, sheet.kind],
  );
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      data-testid="import-sheet"
      title={
        <Space>
          <span>工作表「{sheet.name}」</span>
          <Select<SheetKind>
            size="small"
            value={sheet.kind}
            style={{ width: 130 }}
            onChange={(kind) => onChange({ kind, columns: undefined })}
            options={SHEET_KINDS.map((k) => ({ value: k, label: SHEET_KIND_LABELS[k] }))}
            aria-label={`工作表「${sheet.name}」的类型`}
          />
          {sheet.headerRows.length > 0 && <Typography.Text type="secondary">表头在第 {sheet.headerRows.join('、')} 行</Typography.Text>}
          <Typography.Text type="secondary">
            数据 {sheet.rows} 行{sheet.skippedRows ? `，略过 ${sheet.skippedRows} 行（空行、合计）` : ''}
          </Typography.Text>
        </Space>
      }
    >
      {sheet.note && <Alert type="warning" showIcon title={sheet.note} style={{ marginBottom: 8 }} />}
      {sheet.columns.length > 0 && (
        <Table<Column>
          size="small"
          rowKey="index"
          dataSource={sheet.columns}
          pagination={false}
          rowClassName={(c) => (!c.sure && c.field ? 'row-dirty' : '')}
          columns={[
            { title: '列', dataIndex: 'letter', width: 50 },
            { title: 'Excel 表头', dataIndex: 'header', ellipsis: true },
            {
              title: '对应台账字段',
              key: 'field',
              width: 220,
              render: (_, c) => (
                <Select
                  size="small"
                  style={{ width: 200 }}
                  value={c.field ?? ''}
                  options={options}
                  showSearch={{ optionFilterProp: 'label' }}
                  onChange={(v: string) => onChange({ columns: { [c.letter]: v || null } })}
                  aria-label={`${c.letter} 列对应字段`}
                />
              ),
            },
            {
              title: '把握',
              key: 'confidence',
              width: 150,
              render: (_, c) =>
                c.field ? (
                  <Space size={4}>
                    <Progress percent={Math.round(c.confidence * 100)} size="small" style={{ width: 70, margin: 0 }} showInfo={false} status={c.sure ? 'success' : 'exception'} />
                    {c.sure ? <Tag color="green">确定</Tag> : <Tag color="orange">请确认</Tag>}
                  </Space>
                ) : (
                  <Tag>忽略</Tag>
                ),
            },
          ]}
        />
      )}
    </Card>
  );
}

function IssueTable({ issues }: { issues: ImportIssue[] }) {
  return (
    <Table<ImportIssue>
      size="small"
      data-testid="import-issues"
      rowKey={(i) => `${i.sheet}-${i.row}-${i.column}-${i.message}`}
      dataSource={[...issues].sort((a, b) => a.sheet.localeCompare(b.sheet) || a.row - b.row)}
      pagination={issues.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      locale={{ emptyText: '没有问题' }}
      columns={[
        { title: '工作表', dataIndex: 'sheet', width: 140, ellipsis: true },
        { title: '行', dataIndex: 'row', width: 60, render: (r: number) => (r ? r : '—') },
        { title: '列', dataIndex: 'column', width: 50 },
        { title: '单元格内容', dataIndex: 'value', width: 200, ellipsis: true },
        { title: '问题', dataIndex: 'message' },
        { title: '', dataIndex: 'severity', width: 70, render: (s: string) => (s === 'error' ? <Tag color="red">错误</Tag> : <Tag color="orange">提醒</Tag>) },
      ]}
    />
  );
}

function ResultView({ result, onAgain, onUndone }: { result: ImportResult; onAgain: () => void; onUndone: () => void }) {
  const [undoing, setUndoing] = useState(false);
  const rows = Object.entries(result.counts).map(([k, t]) => ({ key: k, label: COUNT_LABELS[k] ?? k, ...t }));
  return (
    <Result
      status="success"
      title="导入完成"
      subTitle={result.backupFile ? `导入前的台账已备份。` : undefined}
      data-testid="import-result"
      extra={[
        <Button type="primary" key="topics" onClick={() => void navigate('topics')}>
          查看课题
        </Button>,
        <Button key="again" onClick={onAgain}>
          再导入一个文件
        </Button>,
        result.batchId && (
          <Button
            key="undo"
            danger
            icon={<UndoOutlined />}
            loading={undoing}
            onClick={async () => {
              setUndoing(true);
              const r = await runExclusive('撤销导入', () => call('import.undo', { batchId: result.batchId! }, { success: '已撤销这次导入' }));
              setUndoing(false);
              if (r) onUndone();
            }}
          >
            撤销这次导入
          </Button>
        ),
      ]}
    >
      <Space size="large" style={{ marginBottom: 16 }}>
        {rows.map((r) => (
          <Statistic key={r.key} title={r.label} value={r.added + r.updated} suffix={<span style={{ fontSize: 12 }}>（新增 {r.added}，更新 {r.updated}）</span>} />
        ))}
      </Space>
      {result.skippedRows > 0 && <Alert type="warning" showIcon title={`跳过了 ${result.skippedRows} 行有错误的数据。`} />}
    </Result>
  );
}
