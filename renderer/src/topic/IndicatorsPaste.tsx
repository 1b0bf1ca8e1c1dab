import { Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import type { Indicator } from '../../../shared/domain/schemas';
import { call } from '../api';
import { PasteDialog, ProblemList } from './PasteDialog';
import { INDICATOR_PASTE_COLUMNS, readPastedIndicators, type PastedIndicator } from './pasteIndicators';

/*
 * 成效指标 pasted from Excel or WPS: each row 新增 or 修改 (an indicator of
 * that name, old → new for what changes), the figures as understood, then one
 * `indicator.saveMany` (pasteIndicators.ts reads the rows).
 */

const ACTION_COLORS = { 新增: 'green', 修改: 'blue', 不变: 'default' } as const;
const WIDTHS: Record<string, number> = { unit: 64, baseline: 112, target: 112, actual: 112, asOf: 148, note: 100 };

/** A pasted value: bold when it changes a stored one. */
const value = (key: keyof PastedIndicator['shown']) => (_: unknown, r: PastedIndicator) =>
  r.changed.includes(key as never) ? <Typography.Text strong>{r.shown[key]}</Typography.Text> : <Typography.Text type="secondary">{r.shown[key]}</Typography.Text>;

export function IndicatorsPaste({ topicId, stored, text, onText, onClose }: { topicId: string; stored: Indicator[]; text: string; onText: (t: string) => void; onClose: () => void }) {
  const today = dayjs().format('YYYY-MM-DD');
  const read = useMemo(() => readPastedIndicators(text, stored, today), [text, stored, today]);
  const toSave = read.rows.filter((r) => r.send);
  const added = toSave.filter((r) => r.action === '新增').length;
  const changed = toSave.length - added;
  const counts = [added ? `新增 ${added} 项` : '', changed ? `修改 ${changed} 项` : ''].filter(Boolean).join('、');

  // Only the columns pasted (and a unit a figure gave): a table of this month's 完成值 is three columns wide, not eight.
  const shownKeys = new Set<string>([...read.columns.flatMap((c) => (c ? [c.key] : [])), ...read.rows.flatMap((r) => Object.keys(r.shown))]);
  const columns: TableColumnsType<PastedIndicator> = [
    { title: '行', dataIndex: 'line', width: 44 },
    {
      title: '结果',
      key: 'action',
      width: 76,
      render: (_, r) => (
        <>
          <Tag color={ACTION_COLORS[r.action]}>{r.action}</Tag>
          {r.lowerIsBetter && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              越小越好
            </Typography.Text>
          )}
        </>
      ),
    },
    { title: '指标名称', dataIndex: 'name', ellipsis: { showTitle: true } },
    ...INDICATOR_PASTE_COLUMNS.filter((c) => c.key !== 'name' && shownKeys.has(c.key)).map((c) => ({
      title: c.label,
      key: c.key,
      width: WIDTHS[c.key],
      ellipsis: c.key === 'note',
      render: value(c.key),
    })),
    { title: '问题', key: 'problems', width: 240, render: (_, r) => <ProblemList problems={r.problems} /> },
  ];

  return (
    <PasteDialog<PastedIndicator>
      title="粘贴成效指标"
      text={text}
      onText={onText}
      onClose={onClose}
      order={INDICATOR_PASTE_COLUMNS}
      placeholder={'例如：\n农村揽收量\t件\t8000\t1.2万\t9500\t2026年6月底'}
      read={read}
      notes={read.rows.some((r) => r.action !== '新增') ? ['指标名称与已有指标相同的行修改该指标，只改粘贴了内容的列，空白单元格不改动。'] : []}
      problemsOf={(r) => r.problems}
      okText={toSave.length ? `保存（${counts}）` : read.rows.length ? '没有需要保存的改动' : '保存'}
      canSave={toSave.length > 0}
      save={() => call('indicator.saveMany', { topicId, indicators: toSave.map((r) => r.send!) }, { success: `指标已保存：${counts}` })}
      width={1120}
      testId="indicators-paste"
      columns={columns}
    />
  );
}
