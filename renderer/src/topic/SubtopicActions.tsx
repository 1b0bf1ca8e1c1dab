import { PaperClipOutlined } from '@ant-design/icons';
import { Button, Form, Input, Modal, Switch, Typography } from 'antd';
import { useRef, useState } from 'react';
import type { Subtopic } from '../../../shared/domain/schemas';
import { call, useCall } from '../api';
import { uploadEvidence } from '../components/evidence';
import { FormModal } from '../components/FormModal';
import { ReasonModal } from '../components/ReasonModal';
import { DateTextInput, typedDateRule, typedDay } from '../components/DeadlineInput';
import { str, todayStr } from '../forms';

export type SubtopicAction = 'close' | 'sendBack' | 'extend' | 'supervise' | 'reopen' | 'evidence';

/** The dialogs behind a sub-topic's 销号 / 退回整改 / 延期 / 督办 / 重新打开 / 佐证 actions. */
export function SubtopicActionModal({ action, subtopic, onClose }: { action: SubtopicAction | null; subtopic: Subtopic | null; onClose: () => void }) {
  if (!action || !subtopic) return null;
  const id = subtopic.id;
  switch (action) {
    case 'close':
      return <CloseModal subtopic={subtopic} onClose={onClose} />;
    case 'extend':
      return <ExtendModal subtopic={subtopic} onClose={onClose} />;
    case 'supervise':
      return <SuperviseModal subtopic={subtopic} onClose={onClose} />;
    case 'evidence':
      return <EvidenceModal subtopic={subtopic} onClose={onClose} />;
    case 'sendBack':
      return (
        <ReasonModal
          open
          title={`退回整改：${subtopic.title}`}
          label="退回原因"
          okText="退回"
          onCancel={onClose}
          onOk={async (reason) => (await call('subtopic.sendBack', { id, reason }, { success: '已退回整改' })) && onClose()}
        />
      );
    case 'reopen':
      return (
        <ReasonModal
          open
          title={`重新打开：${subtopic.title}`}
          label="重新打开的原因"
          onCancel={onClose}
          onOk={async (reason) => (await call('subtopic.reopen', { id, reason }, { success: '小课题已重新打开' })) && onClose()}
        />
      );
  }
}

/** A Chinese button over a hidden file input: the browser's own control says "Choose Files / No file chosen". */
function FilePicker({ files, onChange }: { files: File[]; onChange: (f: File[]) => void }) {
  const ref = useRef<HTMLInputElement>(null);
  return (
    <div>
      <input ref={ref} type="file" multiple style={{ display: 'none' }} data-testid="evidence-file" onChange={(e) => onChange([...(e.target.files ?? [])])} />
      <Button icon={<PaperClipOutlined />} onClick={() => ref.current?.click()}>
        选择文件
      </Button>
      {files.length === 0 && (
        <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
          未选择文件
        </Typography.Text>
      )}
      {files.length > 0 && (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
          已选择 {files.length} 个文件：{files.map((f) => f.name).join('、')}
        </Typography.Text>
      )}
    </div>
  );
}

interface CloseValues {
  closedDate: string;
  opinion?: string;
  closedBy?: string;
}
function CloseModal({ subtopic, onClose }: { subtopic: Subtopic; onClose: () => void }) {
  const [form] = Form.useForm<CloseValues>();
  const [files, setFiles] = useState<File[]>([]);
  const settings = useCall('settings.get', {});
  return (
    <FormModal
      form={form}
      title={`销号：${subtopic.title}`}
      okText="确认销号"
      onCancel={onClose}
      onSaved={onClose}
      save={async (v) => {
        const ok = await call('subtopic.close', { id: subtopic.id, closedDate: typedDay(v.closedDate)!, opinion: str(v.opinion), closedBy: str(v.closedBy) }, { success: '已销号' });
        if (ok && files.length) await uploadEvidence('subtopic', subtopic.id, files);
        return ok;
      }}
    >
      <Form form={form} layout="vertical" initialValues={{ closedDate: todayStr(), closedBy: settings.data?.operator ?? '' }}>
        <Form.Item name="closedDate" label="销号日期" rules={[typedDateRule('销号日期', { required: true })]}>
          <DateTextInput label="销号日期" hint="understood" />
        </Form.Item>
        <Form.Item name="opinion" label="验收意见" extra="没有验收意见也没有佐证材料的销号会被标为“会议销号”。">
          <Input.TextArea rows={3} placeholder="例如：经现场查看，已完成整改" />
        </Form.Item>
        <Form.Item name="closedBy" label="验收人">
          <Input />
        </Form.Item>
        <Form.Item label="佐证材料（照片、文件，可多选）">
          <FilePicker files={files} onChange={setFiles} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

function ExtendModal({ subtopic, onClose }: { subtopic: Subtopic; onClose: () => void }) {
  const [form] = Form.useForm<{ deadline: string; reason: string }>();
  return (
    <FormModal
      form={form}
      title={`延期：${subtopic.title}`}
      okText="确认延期"
      onCancel={onClose}
      onSaved={onClose}
      save={(v) => call('subtopic.extend', { id: subtopic.id, deadline: typedDay(v.deadline)!, reason: v.reason.trim() }, { success: '已延期' })}
    >
      <Typography.Paragraph type="secondary">
        现在的完成时限：{subtopic.deadline ?? (subtopic.deadlineText || '未填写')}
        {subtopic.originalDeadline || subtopic.originalDeadlineText ? `；原定：${subtopic.originalDeadline ?? subtopic.originalDeadlineText}` : ''}
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item
          name="deadline"
          label="新的完成时限"
          rules={[
            typedDateRule('新的完成时限', { required: true }),
            {
              validator: async (_r, v: string | undefined) => {
                const day = typedDay(v);
                if (day && subtopic.deadline && day <= subtopic.deadline) throw new Error(`应晚于现在的完成时限 ${subtopic.deadline}`);
              },
            },
          ]}
        >
          <DateTextInput label="新的完成时限" hint="understood" />
        </Form.Item>
        <Form.Item name="reason" label="延期原因" rules={[{ required: true, whitespace: true, message: '请填写延期原因' }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

function SuperviseModal({ subtopic, onClose }: { subtopic: Subtopic; onClose: () => void }) {
  const [form] = Form.useForm<{ supervised: boolean; note?: string }>();
  return (
    <FormModal
      form={form}
      title={`督办：${subtopic.title}`}
      onCancel={onClose}
      onSaved={onClose}
      save={(v) => call('subtopic.supervise', { id: subtopic.id, supervised: v.supervised, note: str(v.note) }, { success: v.supervised ? '已列入督办' : '已取消督办' })}
    >
      <Form form={form} layout="vertical" initialValues={{ supervised: true, note: subtopic.supervisionNote }}>
        <Form.Item name="supervised" label="列入督办" valuePropName="checked">
          <Switch checkedChildren="督办" unCheckedChildren="不督办" />
        </Form.Item>
        <Form.Item name="note" label="督办说明">
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

function EvidenceModal({ subtopic, onClose }: { subtopic: Subtopic; onClose: () => void }) {
  const list = useCall('evidence.list', { ownerType: 'subtopic', ownerId: subtopic.id });
  const [files, setFiles] = useState<File[]>([]);
  const [saving, setSaving] = useState(false);
  return (
    <Modal
      open
      title={`佐证材料：${subtopic.title}`}
      okText="上传"
      okButtonProps={{ disabled: !files.length }}
      confirmLoading={saving}
      cancelText="关闭"
      onCancel={onClose}
      onOk={async () => {
        setSaving(true);
        const n = await uploadEvidence('subtopic', subtopic.id, files);
        setSaving(false);
        if (n) {
          setFiles([]);
          onClose();
        }
      }}
    >
      <ul>
        {(list.data ?? []).map((e) => (
          <li key={e.id}>
            {e.fileName}（{Math.max(1, Math.round(e.size / 1024))} KB）
          </li>
        ))}
        {list.data?.length === 0 && <li>还没有佐证材料</li>}
      </ul>
      <FilePicker files={files} onChange={setFiles} />
    </Modal>
  );
}
