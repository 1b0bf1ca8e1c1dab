import { Modal, type FormInstance, type ModalProps } from 'antd';
import { useState } from 'react';
import { validValues } from '../forms';

/**
 * A dialog over one form, the mechanics every edit dialog shares: OK
 * validates the form, then runs `save` with the button spinning; a truthy
 * result goes to `onSaved` (usually: close). A failed save keeps the dialog
 * open with what was typed; `call` has already shown the Chinese message.
 */
export function FormModal<V, R>({
  form,
  save,
  onSaved,
  open = true,
  okText = '保存',
  ...modal
}: Omit<ModalProps, 'onOk' | 'confirmLoading'> & {
  form: FormInstance<V>;
  save: (values: V) => Promise<R>;
  onSaved?: (result: NonNullable<R>) => void;
}) {
  const [saving, setSaving] = useState(false);
  return (
    <Modal
      open={open}
      okText={okText}
      {...modal}
      confirmLoading={saving}
      onOk={async () => {
        const values = await validValues(form);
        if (values === undefined) return; // the messages are beside the fields
        setSaving(true);
        let result: R;
        try {
          result = await save(values);
        } finally {
          setSaving(false);
        }
        if (result) onSaved?.(result);
      }}
    />
  );
}
