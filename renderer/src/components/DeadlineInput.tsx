import { CalendarOutlined } from '@ant-design/icons';
import { AutoComplete, DatePicker, Space } from 'antd';
import type { FormRule } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { NON_DATE_WORDS, describeDate, readDate, readDay, type DateReading } from '../../../shared/values';
import { DATE_FORMAT } from '../forms';
import { ValueHint } from './ValueHint';

const SUGGESTIONS = [NON_DATE_WORDS[0], NON_DATE_WORDS[1], '年底前', '下月底'];

/**
 * A date as the clerk types it, read by the shared parser (shared/values/dates)
 * against today: 2026-9-30, 2026年9月底, 下月底. With `allowWords` the known
 * non-dates (长期坚持, 持续推进) are kept as text; without, a day is required.
 */
export function readTypedDate(value: string, allowWords: boolean): DateReading {
  const today = dayjs().format(DATE_FORMAT);
  return (allowWords ? readDate : readDay)(value, { year: Number(today.slice(0, 4)), today });
}

/** The day a typed date means ('YYYY-MM-DD'), or null when empty or not a day. */
export const typedDay = (value: string | null | undefined): string | null => {
  const r = readTypedDate(value ?? '', false);
  return r.kind === 'date' ? r.date : null;
};

/** An antd Form rule: the same sentence as the hint beside the field, and nothing saved while it stands. */
export function typedDateRule(label: string, opts: { required?: boolean; allowWords?: boolean } = {}): FormRule {
  return {
    validator: async (_rule, value: string | undefined) => {
      const r = readTypedDate(value ?? '', opts.allowWords ?? false);
      if (r.kind === 'empty' && opts.required) throw new Error(`请填写${label}`);
      if (r.kind === 'invalid') throw new Error(`${label}${r.message}`);
    },
  };
}

/**
 * A date field as the clerk writes it: typed (2026-9-30, 2026年9月底, 下月底)
 * or picked from the calendar, with what it understood shown beneath
 * (`= 2026年9月30日`) before anything is saved. `warning` is a cross-field
 * rule's sentence (a deadline outside the topic's period), shown in orange.
 */
export function DateTextInput({
  value,
  onChange,
  onKeyDown,
  id,
  label,
  allowWords = false,
  warning,
  hint = true,
  size,
}: {
  value?: string;
  onChange?: (v: string) => void;
  onKeyDown?: React.KeyboardEventHandler;
  id?: string;
  label: string;
  allowWords?: boolean;
  warning?: string | null;
  /** Inside an antd Form.Item the item shows the refusal; the hint then shows only what was understood. */
  hint?: boolean | 'understood';
  /** 'small' in the dense grid. */
  size?: 'small' | 'middle' | 'large';
}) {
  const [open, setOpen] = useState(false);
  const text = value ?? '';
  const reading = readTypedDate(text, allowWords);
  const picked = reading.kind === 'date' ? dayjs(reading.date) : null;
  const said = describeDate(reading);
  const showHint = hint === true || (hint === 'understood' && said.ok);
  return (
    <div>
      <Space.Compact style={{ width: '100%' }} size={size}>
        <AutoComplete
          id={id}
          value={text}
          onChange={(v: string) => onChange?.(v ?? '')}
          options={allowWords ? SUGGESTIONS.filter((s) => !text || s.includes(text)).map((s) => ({ value: s })) : []}
          placeholder={allowWords ? '日期或“长期坚持”' : '例如 2026-09-30'}
          onKeyDown={onKeyDown}
          style={{ flex: 1, minWidth: 0 }}
          aria-label={label}
          status={said.ok ? undefined : 'error'}
        />
        <DatePicker
          open={open}
          onOpenChange={setOpen}
          value={picked}
          onChange={(d) => {
            if (d) onChange?.(d.format(DATE_FORMAT));
            setOpen(false);
          }}
          allowClear={false}
          suffixIcon={<CalendarOutlined />}
          inputReadOnly
          placeholder=""
          style={{ width: 34, paddingInline: 8, cursor: 'pointer' }}
          format={() => ''}
          tabIndex={-1}
          aria-label={`${label}：从日历选择`}
        />
      </Space.Compact>
      {showHint && <ValueHint ok={said.ok} text={said.text} />}
      {said.ok && warning && <ValueHint ok warning text={warning} />}
    </div>
  );
}

/** 完成时限: a date, or one of the known words such as 长期坚持. */
export const DeadlineInput = (props: Omit<Parameters<typeof DateTextInput>[0], 'label' | 'allowWords'>) => <DateTextInput {...props} label="完成时限" allowWords />;
