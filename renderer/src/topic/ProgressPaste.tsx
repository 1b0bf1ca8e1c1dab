import { Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import type { Subtopic, Topic } from '../../../shared/domain/schemas';
import { call, useCall } from '../api';
import { PasteDialog, ProblemList } from './PasteDialog';
import { PROGRESS_PASTE_COLUMNS, readPastedEntries, type PastedEntry } from './pasteProgress';

/*
 * 台账记录 pasted from Excel or WPS (a branch's weekly sheet kept by hand):
 * each entry as understood, each row's problems, then one
 * `progress.createMany` (pasteProgress.ts reads the rows).
 */

const secondary = (label: string, text: string) =>
  text && (
    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }} ellipsis>
      {label}：{text}
    </Typography.Text>
  );

export function ProgressPaste({ topic, subtopics, text, onText, onClose }: { topic: Topic; subtopics: Subtopic[]; text: string; onText: (t: string) => void; onClose: () => void }) {
  // The whole roster once, for this explicit paste only (汇报人 by name), as the breakdown's paste reads it.
  const roster = useCall('person.list', {});
  const today = dayjs().format('YYYY-MM-DD');
  const read = useMemo(() => readPastedEntries(text, topic, subtopics, roster.data ?? [], today), [text, topic, subtopics, roster.data, today]);
  const n = read.rows.length;

  return (
    <PasteDialog<PastedEntry>
      title="批量添加台账记录"
      text={text}
      onText={onText}
      onClose={onClose}
      order={PROGRESS_PASTE_COLUMNS}
      placeholder={'例如：\n2026-06-05\t每周汇报\t1\t走访商户 12 户\t\t\t王建华'}
      read={read}
      problemsOf={(r) => r.errors}
      okText={n ? `添加 ${n} 条` : '添加'}
      canSave={n > 0 && Boolean(roster.data)}
      loading={roster.loading}
      save={() => call('progress.createMany', { topicId: topic.id, entries: read.rows.map((r) => r.send) }, { success: `已记入台账 ${n} 条` })}
      width={1060}
      testId="progress-paste"
      columns={[
        { title: '行', dataIndex: 'line', width: 44 },
        { title: '日期', dataIndex: 'date', width: 132 },
        { title: '记录类型', dataIndex: 'kind', width: 84 },
        { title: '对应小课题', key: 'subtopic', width: 130, ellipsis: true, render: (_, r) => r.subtopic || <Typography.Text type="secondary">整个课题</Typography.Text> },
        {
          title: '工作内容',
          key: 'content',
          render: (_, r) => (
            <>
              <Typography.Text ellipsis={{ tooltip: r.content }} style={{ display: 'block' }}>
                {r.content}
              </Typography.Text>
              {secondary('存在问题', r.problems)}
              {secondary('下步计划', r.nextSteps)}
            </>
          ),
        },
        {
          title: '汇报人',
          key: 'reporter',
          width: 160,
          render: (_, r) => (
            <>
              {r.reporter}
              {r.note && (
                <Typography.Text type="warning" style={{ display: 'block', fontSize: 12 }}>
                  {r.note}
                </Typography.Text>
              )}
            </>
          ),
        },
        { title: '问题', key: 'errors', width: 230, render: (_, r) => <ProblemList problems={r.errors} /> },
      ]}
    />
  );
}
