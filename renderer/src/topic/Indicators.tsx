import { DeleteOutlined, EditOutlined, PlusOutlined, SnippetsOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Col, Form, Input, Popconfirm, Progress, Row, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import type { TopicDetail } from '../../../shared/contract/topics';
import { INDICATOR_UNITS } from '../../../shared/domain/enums';
import { IndicatorFields, type Indicator } from '../../../shared/domain/schemas';
import { INDICATOR_FIGURES } from '../../../shared/fields';
import { call } from '../api';
import { FormModal } from '../components/FormModal';
import { describeQuantity, quantityIn } from '../../../shared/values';
import { DateTextInput, typedDateRule, typedDay } from '../components/DeadlineInput';
import { ValueHint } from '../components/ValueHint';
import { IndicatorsPaste } from './IndicatorsPaste';
import { tabPaste } from './PasteDialog';
import { str, zodRule } from '../forms';

const F = IndicatorFields.shape;

/** How far from the baseline towards the target (0–100), null when it cannot be said. */
export function indicatorProgress(i: Pick<Indicator, 'baseline' | 'target' | 'actual'>): number | null {
  if (i.target === null || i.actual === null) return null;
  const base = i.baseline ?? 0;
  if (i.target === base) return i.actual === i.target ? 100 : null;
  return Math.max(0, Math.min(100, Math.round(((i.actual - base) / (i.target - base)) * 100)));
}


interface Values {
  name: string;
  unit?: string;
  baseline?: string;
  target?: string;
  actual?: string;
  asOf?: string;
  higherIsBetter: boolean;
  note?: string;
}

/** 成效指标: baseline, target and actual, with 达标 computed by the core. */
export function IndicatorsTab({ detail }: { detail: TopicDetail }) {
  const { topic, locked, indicators } = detail;
  const [editing, setEditing] = useState<Indicator | 'new' | null>(null);
  // A table pasted from Excel (this month's 完成值, or new indicators): the text while its preview is open.
  const [pasted, setPasted] = useState<string | null>(null);
  const met = indicators.filter((i) => i.met).length;
  return (
    <div data-testid="indicators" {...tabPaste(!locked && pasted === null && !editing, setPasted)}>
      <Space style={{ marginBottom: 8 }}>
        {!locked && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            新增指标
          </Button>
        )}
        {!locked && (
          <Button icon={<SnippetsOutlined />} onClick={() => setPasted('')} data-testid="indicators-paste">
            粘贴表格
          </Button>
        )}
        <span>
          达标 {met} / {indicators.length}
        </span>
      </Space>
      <Table<Indicator>
        size="small"
        rowKey="id"
        dataSource={indicators}
        pagination={false}
        locale={{ emptyText: '还没有成效指标。指标用数字说话：基期值、目标值、完成值。也可以从 Excel 复制指标表，在这里按 Ctrl+V 粘贴。' }}
        columns={[
          { title: '指标', dataIndex: 'name' },
          { title: '单位', dataIndex: 'unit', width: 70 },
          { title: '基期值', dataIndex: 'baseline', width: 90, align: 'right' },
          { title: '目标值', dataIndex: 'target', width: 90, align: 'right' },
          { title: '完成值', dataIndex: 'actual', width: 90, align: 'right' },
          { title: '截止', dataIndex: 'asOf', width: 104 },
          {
            title: '进度',
            key: 'p',
            width: 150,
            render: (_, i) => {
              const p = indicatorProgress(i);
              return p === null ? '—' : <Progress percent={p} size="small" status={i.met ? 'success' : 'normal'} />;
            },
          },
          { title: '达标', dataIndex: 'met', width: 80, render: (m: boolean | null) => (m === null ? <Tag>未填</Tag> : m ? <Tag color="green">达标</Tag> : <Tag color="red">未达标</Tag>) },
          {
            title: '操作',
            key: 'ops',
            width: 100,
            render: (_, i) =>
              locked ? null : (
                <Space size={2}>
                  <Button size="small" type="text" icon={<EditOutlined />} onClick={() => setEditing(i)} aria-label="修改" />
                  <Popconfirm title="删除这个指标？" okText="删除" cancelText="取消" onConfirm={() => void call('indicator.delete', { id: i.id }, { success: '已删除' })}>
                    <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label="删除" />
                  </Popconfirm>
                </Space>
              ),
          },
        ]}
      />
      {editing && <IndicatorModal topicId={topic.id} indicator={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
      {pasted !== null && <IndicatorsPaste topicId={topic.id} stored={indicators} text={pasted} onText={setPasted} onClose={() => setPasted(null)} />}
    </div>
  );
}

function IndicatorModal({ topicId, indicator, onClose }: { topicId: string; indicator?: Indicator; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const initial: Values = indicator
    ? { ...indicator, baseline: figure(indicator.baseline), target: figure(indicator.target), actual: figure(indicator.actual), asOf: indicator.asOf ?? '' }
    : { name: '', higherIsBetter: true };
  const unit = (Form.useWatch('unit', form) as string | undefined) ?? initial.unit ?? '';
  return (
    <FormModal
      form={form}
      title={indicator ? '修改成效指标' : '新增成效指标'}
      onCancel={onClose}
      onSaved={onClose}
      save={(v) => {
        // With no unit given, the first figure's unit (1000万元) becomes the indicator's, as in the import.
        let unitOf = str(v.unit).trim();
        const nums: Record<string, number | null> = {};
        for (const [k] of INDICATOR_FIGURES) {
          const q = quantityIn(str(v[k]), unitOf);
          unitOf = q.unit;
          nums[k] = q.value;
        }
        const args = {
          name: v.name,
          unit: unitOf,
          baseline: nums.baseline ?? null,
          target: nums.target ?? null,
          actual: nums.actual ?? null,
          asOf: typedDay(v.asOf),
          higherIsBetter: v.higherIsBetter,
          note: str(v.note),
        };
        return indicator ? call('indicator.update', { id: indicator.id, ...args }, { success: '指标已保存', form }) : call('indicator.create', { topicId, ...args }, { success: '指标已添加', form });
      }}
    >
      <Form form={form} layout="vertical" initialValues={initial}>
        <Row gutter={12}>
          <Col span={16}>
            <Form.Item name="name" label="指标名称" rules={[zodRule(F.name)]}>
              <Input autoFocus placeholder="例如：农村快递日均业务量" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="unit" label="单位" rules={[zodRule(F.unit)]}>
              <AutoComplete options={INDICATOR_UNITS.map((u) => ({ value: u }))} />
            </Form.Item>
          </Col>
          {/* The three figures are typed as text (1.2万, 65%, 6万余): the indicator's unit decides what they mean. */}
          {INDICATOR_FIGURES.map(([k, label]) => (
            <Col span={8} key={k}>
              <Form.Item name={k} label={label} dependencies={['unit']} rules={[quantityRule(label, () => unit)]} extra={<FigureHint form={form} name={k} unit={unit} />}>
                <Input placeholder="如 1.2万、65%" aria-label={label} />
              </Form.Item>
            </Col>
          ))}
          <Col span={12}>
            <Form.Item name="asOf" label="统计截止日期" rules={[typedDateRule('统计截止日期')]}>
              <DateTextInput label="统计截止日期" hint="understood" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="higherIsBetter" label="越大越好" valuePropName="checked" extra="投诉率、时限这类越小越好的指标请关闭">
              <Switch checkedChildren="越大越好" unCheckedChildren="越小越好" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="note" label="备注">
              <Input.TextArea rows={2} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormModal>
  );
}

const figure = (n: number | null) => (n === null ? '' : String(n));

/** The same reading as the save: 1.2万 is 12,000 for 件 and 1.2 for 万元; a unit of another kind is refused. */
function quantityRule(label: string, unit: () => string) {
  return {
    validator: async (_rule: unknown, value: string | undefined) => {
      const r = describeQuantity(value ?? '', unit());
      if (!r.ok) throw new Error(`${label}${r.text}`);
    },
  };
}

/** `= 12,000 件` under the field, before saving. */
function FigureHint({ form, name, unit }: { form: ReturnType<typeof Form.useForm<Values>>[0]; name: (typeof INDICATOR_FIGURES)[number][0]; unit: string }) {
  const value = (Form.useWatch(name, form) as string | undefined) ?? '';
  const r = describeQuantity(value, unit);
  return r.ok ? <ValueHint ok text={r.text} /> : null;
}
