import { describe, expect, it } from 'vitest';
import { parsePastedChecklist } from '../../renderer/src/topic/ChecklistPaste';

describe('批量添加 of the checklist', () => {
  it('reads rows as Excel copies them: a multi-line item in quotes stays one item; blank rows dropped; rows numbered as copied', () => {
    const rows = parsePastedChecklist('走访城东商户\t城东网点\r\n"更换信报箱\n（含门牌）"\t城西网点\r\n\r\n"重点"商户回访\r\n');
    expect(rows.map((r) => [r.line, r.item, r.area, r.problem])).toEqual([
      [1, '走访城东商户', '城东网点', null],
      [2, '更换信报箱\n（含门牌）', '城西网点', null],
      [4, '"重点"商户回访', '', null],
    ]);
  });
});
