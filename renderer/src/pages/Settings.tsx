import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Form, Input, InputNumber, Row, Space, Typography } from 'antd';
import { GradeBandsSetting, RubricSetting, SETTINGS } from '../../../shared/contract/admin';
import type { GradeBand, RubricCriterion } from '../../../shared/domain/enums';
import { call, useCall } from '../api';
import { zodRule } from '../forms';
import { BackupsCard } from './Backups';

/** 设置: the operator's name (written into the audit log), the review rubric and grade bands, the ledger file and its backups. */
export function SettingsPage() {
  const { data } = useCall('settings.get', {});
  if (!data) return null;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <OperatorCard operator={data.operator} />
      </Col>
      <Col xs={24} xl={12}>
        <BackupsCard />
      </Col>
      <Col xs={24} xl={12}>
        <RubricCard rubric={data.rubric} />
      </Col>
      <Col xs={24} xl={12}>
        <BandsCard bands={data.gradeBands} />
      </Col>
    </Row>
  );
}

function OperatorCard({ operator }: { operator: string }) {
  const [form] = Form.useForm<{ operator: string }>();
  return (
    <Card size="small" title="操作员">
      <Typography.Paragraph type="secondary">每一次修改都会连同操作员姓名记入操作日志。多人轮流使用同一台电脑时，请先改成自己的姓名。</Typography.Paragraph>
      <Form form={form} layout="inline" initialValues={{ operator }} onFinish={(v) => void call('settings.set', { operator: v.operator.trim() }, { success: '操作员已保存' })}>
        <Form.Item name="operator" rules={[zodRule(SETTINGS.operator), { required: true, whitespace: true, message: '请填写操作员姓名' }]}>
          <Input placeholder="操作员姓名" style={{ width: 200 }} aria-label="操作员姓名" />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="operator-save">
          保存
        </Button>
      </Form>
    </Card>
  );
}

function RubricCard({ rubric }: { rubric: RubricCriterion[] }) {
  const [form] = Form.useForm<{ rubric: RubricCriterion[] }>();
  const items = Form.useWatch('rubric', form) as RubricCriterion[] | undefined;
  const total = (items ?? rubric).reduce((s, c) => s + (c?.max ?? 0), 0);
  return (
    <Card size="small" title={`评分表（满分合计 ${total}）`}>
      <Form
        form={form}
        initialValues={{ rubric }}
        onFinish={async (v) => {
          const parsed = RubricSetting.safeParse(v.rubric);
          if (!parsed.success) return form.setFields([{ name: 'rubric', errors: [parsed.error.issues[0]?.message ?? '评分表有误'] }]);
          await call('settings.set', { rubric: parsed.data }, { success: '评分表已保存' });
        }}
      >
        <Form.List name="rubric">
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline">
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: '请填写评分项' }]}>
                    <Input placeholder="评分项" style={{ width: 180 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'max']} rules={[{ required: true, type: 'number', min: 1, message: '分值应大于 0' }]}>
                    <InputNumber placeholder="满分" min={1} max={1000} addonAfter="分" />
                  </Form.Item>
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="删除评分项" />
                </Space>
              ))}
              <Form.ErrorList errors={errors} />
              <Space>
                <Button icon={<PlusOutlined />} onClick={() => add({ name: '', max: 10 })}>
                  增加评分项
                </Button>
                <Button type="primary" htmlType="submit">
                  保存评分表
                </Button>
              </Space>
            </>
          )}
        </Form.List>
      </Form>
    </Card>
  );
}

function BandsCard({ bands }: { bands: GradeBand[] }) {
  const [form] = Form.useForm<{ bands: GradeBand[] }>();
  return (
    <Card size="small" title="等次划分（总分达到最低分即为该等次，从高到低判断）">
      <Form
        form={form}
        initialValues={{ bands }}
        onFinish={async (v) => {
          const parsed = GradeBandsSetting.safeParse(v.bands);
          if (!parsed.success) return form.setFields([{ name: 'bands', errors: [parsed.error.issues[0]?.message ?? '等次划分有误'] }]);
          await call('settings.set', { gradeBands: [...parsed.data].sort((a, b) => b.min - a.min) }, { success: '等次划分已保存' });
        }}
      >
        <Form.List name="bands">
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline">
                  <Form.Item name={[f.name, 'grade']} rules={[{ required: true, whitespace: true, message: '请填写等次' }]}>
                    <Input placeholder="等次" style={{ width: 120 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'min']} rules={[{ required: true, type: 'number', min: 0, message: '最低分不能为负' }]}>
                    <InputNumber placeholder="最低分" min={0} addonBefore="≥" addonAfter="分" />
                  </Form.Item>
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="删除等次" />
                </Space>
              ))}
              <Form.ErrorList errors={errors} />
              <Alert type="info" showIcon style={{ marginBottom: 8 }} title="必须有一个最低分为 0 的等次（兜底等次）。" />
              <Space>
                <Button icon={<PlusOutlined />} onClick={() => add({ grade: '', min: 0 })}>
                  增加等次
                </Button>
                <Button type="primary" htmlType="submit">
                  保存等次划分
                </Button>
              </Space>
            </>
          )}
        </Form.List>
      </Form>
    </Card>
  );
}
