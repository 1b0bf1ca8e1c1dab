import { ArrowDownOutlined, ArrowUpOutlined, CheckOutlined, MoreOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { Button, Dropdown, Popconfirm, Space } from 'antd';
import { memo } from 'react';
import type { Subtopic } from '../../../shared/domain/schemas';
import { call } from '../api';
import type { SubtopicAction } from './SubtopicActions';

/** What a row's buttons ask of the grid: one object for the life of the sheet (see CellActions in BreakdownCells.tsx). */
export interface RowOpsActions {
  save(rowKey: string): void;
  discard(rowKey: string): void;
  act(kind: SubtopicAction, subtopic: Subtopic): void;
  move(subtopicId: string, delta: -1 | 1): void;
}

/**
 * 操作 of one row, memoized like the cells: a key typed elsewhere does not
 * draw these five buttons of every row again. While the row has unsaved
 * edits: 保存 and 撤销 only, on one line (the row keeps its height).
 */
export const RowOps = memo(function RowOps({ rowKey, subtopic: s, dirty, saving, first, last, ops }: { rowKey: string; subtopic?: Subtopic; dirty: boolean; saving: boolean; first: boolean; last: boolean; ops: RowOpsActions }) {
  return (
    <Space size={2} wrap>
      {(dirty || !s) && (
        <>
          <Button size="small" type="primary" icon={<SaveOutlined />} loading={saving} onClick={() => ops.save(rowKey)} aria-label="保存本行">
            保存
          </Button>
          <Button size="small" icon={<UndoOutlined />} onClick={() => ops.discard(rowKey)} aria-label="撤销本行" />
        </>
      )}
      {s && !dirty && s.status !== '已销号' && (
        <Button size="small" icon={<CheckOutlined />} onClick={() => ops.act('close', s)} data-testid="close-subtopic">
          销号
        </Button>
      )}
      {s && !dirty && (
        <>
          <Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={first} onClick={() => ops.move(s.id, -1)} aria-label="上移" />
          <Button size="small" type="text" icon={<ArrowDownOutlined />} disabled={last} onClick={() => ops.move(s.id, 1)} aria-label="下移" />
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                ...(s.status === '已销号'
                  ? [{ key: 'reopen', label: '重新打开…' }]
                  : [
                      { key: 'extend', label: '延期…' },
                      { key: 'supervise', label: s.supervised ? '督办设置…' : '督办…' },
                      ...(s.status === '待验收' ? [{ key: 'sendBack', label: '退回整改…' }] : []),
                    ]),
                { key: 'evidence', label: `佐证材料（${s.evidenceCount}）…` },
                ...(s.status !== '已销号' ? [{ type: 'divider' as const }, { key: 'delete', label: <DeleteConfirm subtopic={s} />, danger: true }] : []),
              ],
              onClick: ({ key }) => key !== 'delete' && ops.act(key as SubtopicAction, s),
            }}
          >
            <Button size="small" type="text" icon={<MoreOutlined />} aria-label="更多操作" />
          </Dropdown>
        </>
      )}
    </Space>
  );
});

function DeleteConfirm({ subtopic }: { subtopic: Subtopic }) {
  return (
    <Popconfirm title={`删除小课题「${subtopic.title}」？`} okText="删除" cancelText="取消" okButtonProps={{ danger: true }} onConfirm={() => void call('subtopic.delete', { id: subtopic.id }, { success: '已删除' })}>
      <span>删除…</span>
    </Popconfirm>
  );
}
