import { Form, Input } from 'antd';
import { FormModal } from './FormModal';

/** Asks for a reason (重新打开, 退回整改…): it goes into the audit log. */
export function ReasonModal({
  open,
  title,
  label = '原因',
  okText = '确定',
  onOk,
  onCancel,
}: {
  open: boolean;
  title: string;
  label?: string;
  okText?: string;
  onOk: (reason: string) => Promise<unknown>;
  onCancel: () => void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <FormModal form={form} open={open} title={title} okText={okText} destroyOnHidden onCancel={onCancel} save={({ reason }) => onOk(reason.trim())}>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="reason" label={label} rules={[{ required: true, whitespace: true, message: `请填写${label}` }, { max: 1000, message: `${label}不能超过 1000 个字` }]}>
          <Input.TextArea rows={3} autoFocus />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
