import { CalendarOutlined } from '@ant-design/icons';
import { AutoComplete, DatePicker, Space } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';

const SUGGESTIONS = ['长期坚持', '持续推进', '年底前'];

/**
 * 完成时限 as the clerk writes it: a date (typed as 2024-6-30, 2024/6/30 or
 * picked from the calendar) or words such as 长期坚持.
 */
export function DeadlineInput({
  value,
  onChange,
  onKeyDown,
  id,
}: {
  value: string;
  onChange: (v: string) => void;
  onKeyDown?: React.KeyboardEventHandler;
  id?: string;
}) {
  const [open, setOpen] = useState(false);
  const picked = /^\d{4}-\d{2}-\d{2}$/.test(value) ? dayjs(value) : null;
  return (
    <Space.Compact style={{ width: '100%' }}>
      <AutoComplete
        id={id}
        value={value}
        onChange={(v: string) => onChange(v ?? '')}
        options={SUGGESTIONS.filter((s) => !value || s.includes(value)).map((s) => ({ value: s }))}
        placeholder="日期或“长期坚持”"
        onKeyDown={onKeyDown}
        style={{ flex: 1, minWidth: 0 }}
        aria-label="完成时限"
      />
      <DatePicker
        open={open}
        onOpenChange={setOpen}
        value={picked}
        onChange={(d) => {
          if (d) onChange(d.format('YYYY-MM-DD'));
          setOpen(false);
        }}
        allowClear={false}
        suffixIcon={<CalendarOutlined />}
        inputReadOnly
        placeholder=""
        style={{ width: 34, paddingInline: 8, cursor: 'pointer' }}
        format={() => ''}
        tabIndex={-1}
        aria-label="从日历选择"
      />
    </Space.Compact>
  );
}
