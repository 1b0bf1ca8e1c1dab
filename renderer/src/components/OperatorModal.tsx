import { Form, Input, Typography } from 'antd';
import { SETTINGS } from '../../../shared/contract/admin';
import { call } from '../api';
import { zodRule } from '../forms';
import { FormModal } from './FormModal';

/**
 * Who is working: the name written with every change into the operator log.
 * Asked on a start while none is set, and opened from the header's 操作员.
 */
export function OperatorModal({ open, operator, firstStart, onClose }: { open: boolean; operator: string; firstStart: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ operator: string }>();
  return (
    <FormModal
      form={form}
      open={open}
      title={firstStart ? '请先填写操作员姓名' : '操作员'}
      cancelText={firstStart ? '以后再说' : '取消'}
      destroyOnHidden
      onCancel={onClose}
      save={(v) => call('settings.set', { operator: v.operator.trim() }, { success: '操作员已保存' })}
      onSaved={onClose}
    >
      <Typography.Paragraph type="secondary">每一次修改都会连同操作员姓名记入操作日志。多人轮流使用同一台电脑时，请先改成自己的姓名。</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ operator }} preserve={false}>
        <Form.Item name="operator" label="操作员姓名" rules={[zodRule(SETTINGS.operator), { required: true, whitespace: true, message: '请填写操作员姓名' }]}>
          <Input autoFocus placeholder="例如：张三" aria-label="操作员姓名" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
