import { Typography } from 'antd';

/** What a field understood (`= 2026年9月30日`, `= 12,000 件`), or why it cannot be saved, right under the field. */
export function ValueHint({ ok, text, warning = false }: { ok: boolean; text: string; warning?: boolean }) {
  if (!text) return null;
  return (
    <Typography.Text className="value-hint" type={!ok ? 'danger' : warning ? 'warning' : 'secondary'} data-testid={!ok ? 'value-error' : warning ? 'value-warning' : 'value-hint'}>
      {text}
    </Typography.Text>
  );
}
