import { DatePicker, Form, Input, InputNumber } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { CampaignFields, type Campaign } from '../../../shared/domain/schemas';
import { call } from '../api';
import { toDateStr, fromDateStr, orderRule, zodRule, str } from '../forms';
import { FormModal } from './FormModal';
import { UnitSelect } from './UnitSelect';

interface Values {
  name: string;
  year: number;
  committeeId?: string | null;
  startDate?: Dayjs | null;
  endDate?: Dayjs | null;
  note?: string;
}
const F = CampaignFields.shape;

/** 新建 / 修改 活动 (one campaign = one year's 领题破题). */
export function CampaignModal({ open, campaign, onDone }: { open: boolean; campaign?: Campaign; onDone: (c?: Campaign) => void }) {
  const [form] = Form.useForm<Values>();
  const initial: Values = campaign
    ? { ...campaign, startDate: fromDateStr(campaign.startDate), endDate: fromDateStr(campaign.endDate) }
    : { name: `${dayjs().year()}年“领题破题”活动`, year: dayjs().year() };
  return (
    <FormModal
      form={form}
      open={open}
      title={campaign ? '修改活动' : '新建活动'}
      destroyOnHidden
      onCancel={() => onDone()}
      onSaved={onDone}
      save={(v) => {
        const args = { name: v.name, year: v.year, committeeId: v.committeeId ?? null, startDate: toDateStr(v.startDate), endDate: toDateStr(v.endDate), note: str(v.note) };
        return campaign ? call('campaign.update', { id: campaign.id, ...args }, { success: '活动已保存', form }) : call('campaign.create', args, { success: '活动已创建', form });
      }}
    >
      <Form form={form} layout="vertical" initialValues={initial} preserve={false}>
        <Form.Item name="name" label={F.name.description} rules={[zodRule(F.name)]}>
          <Input />
        </Form.Item>
        <Form.Item name="year" label={F.year.description} rules={[zodRule(F.year)]}>
          <InputNumber style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="committeeId" label="出题党委">
          <UnitSelect kinds={['党委']} />
        </Form.Item>
        <Form.Item name="startDate" label="开始日期">
          <DatePicker />
        </Form.Item>
        <Form.Item name="endDate" label="结束日期" dependencies={['startDate']} rules={[orderRule('startDate', '开始日期', '结束日期')]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
