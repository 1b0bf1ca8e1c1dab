import { SnippetsOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Modal, Table, Typography } from 'antd';
import { useState } from 'react';
import { ChecklistFields } from '../../../shared/domain/schemas';
import { readClipboardTable } from '../../../shared/values';
import { call } from '../api';

/*
 * 批量添加: a block copied from Excel or WPS (one item per row; a second
 * column, if any, is the 所属区域) pasted at once — 300 merchants in one go —
 * shown before it is saved, then added in one call (all or none). Once each
 * item was its own call: 20 items took 13 s.
 */

const ITEM = ChecklistFields.shape.item;
const AREA = ChecklistFields.shape.area;

interface PastedRow {
  line: number;
  item: string;
  area: string;
  problem: string | null;
}

/** Rows as copied (Excel's clipboard rules: a multi-line cell comes in quotes); blank lines dropped; each checked by the same zod rules as the form. */
export function parsePastedChecklist(text: string): PastedRow[] {
  return readClipboardTable(text)
    .map((cells, i) => {
      const [item = '', area = ''] = cells.map((c) => c.trim());
      const bad = ITEM.safeParse(item).error ?? AREA.safeParse(area).error;
      return { line: i + 1, item, area, problem: bad ? (bad.issues[0]?.message ?? '内容不符合要求') : null };
    })
    .filter((r) => r.item || r.area);
}

export function ChecklistPaste({ topicId }: { topicId: string }) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [saving, setSaving] = useState(false);
  const rows = parsePastedChecklist(text);
  const problems = rows.filter((r) => r.problem);

  const close = () => {
    setOpen(false);
    setText('');
  };
  const save = async () => {
    setSaving(true);
    const added = await call('checklist.createMany', { topicId, items: rows.map((r) => ({ item: r.item, area: r.area })) }, { success: `已添加 ${rows.length} 项` });
    setSaving(false);
    if (added) close();
  };

  return (
    <>
      <Button icon={<SnippetsOutlined />} onClick={() => setOpen(true)} data-testid="checklist-paste">
        批量添加
      </Button>
      <Modal
        title="批量添加销号清单事项"
        open={open}
        width={720}
        onCancel={close}
        okText={rows.length ? `添加 ${rows.length} 项` : '添加'}
        cancelText="取消"
        okButtonProps={{ disabled: !rows.length || problems.length > 0, loading: saving }}
        onOk={() => void save()}
      >
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          从 Excel 或 WPS 复制后粘贴到下面：每行一项；如有第二列，作为“所属区域”。
        </Typography.Paragraph>
        <Input.TextArea rows={6} value={text} onChange={(e) => setText(e.target.value)} placeholder={'例如：\n走访城东商户\t城东网点\n走访城西商户\t城西网点'} data-testid="checklist-paste-text" />
        {problems.length > 0 && <Alert type="error" showIcon style={{ marginTop: 8 }} message={`有 ${problems.length} 行需要修改后才能添加`} />}
        {rows.length > 0 && (
          <Table<PastedRow>
            style={{ marginTop: 8 }}
            size="small"
            rowKey="line"
            dataSource={rows}
            pagination={rows.length > 8 ? { pageSize: 8, size: 'small' } : false}
            data-testid="checklist-paste-preview"
            columns={[
              { title: '行', dataIndex: 'line', width: 50 },
              { title: '事项', dataIndex: 'item', ellipsis: true },
              { title: '区域', dataIndex: 'area', width: 140, ellipsis: true },
              { title: '问题', dataIndex: 'problem', width: 180, render: (p: string | null) => (p ? <Typography.Text type="danger">{p}</Typography.Text> : '') },
            ]}
          />
        )}
      </Modal>
    </>
  );
}
