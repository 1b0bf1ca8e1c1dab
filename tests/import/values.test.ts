import { describe, expect, it } from 'vitest';
import { campaignNameFromTitle } from '../../electron/core/import/plan';
import { cellText, parseDate, parseTick, quantityIn, splitPeople, yearIn } from '../../electron/core/import/values';

describe('cell values as clerks write them', () => {
  it('dates', () => {
    const d = (v: Parameters<typeof parseDate>[0]) => parseDate(v, 2023);
    expect(d(new Date(Date.UTC(2023, 4, 31)))).toEqual({ date: '2023-05-31', text: '', problem: '' });
    expect(d(45077)).toEqual({ date: '2023-05-31', text: '', problem: '' }); // Excel serial without a date format
    expect(d(20230531).date).toBe('2023-05-31');
    for (const s of ['2023年5月31日', '2023/5/31', '2023.5.31', '2023-05-31', '２０２３年５月３１日', '2023年5月31号', '2023-05-31 00:00:00']) expect(d(s)).toEqual({ date: '2023-05-31', text: '', problem: '' });
    expect(d('2023年12月底')).toEqual({ date: '2023-12-31', text: '2023年12月底', problem: '' });
    expect(parseDate('2024年2月底', 2024).date).toBe('2024-02-29');
    expect(d('5月31日前')).toEqual({ date: '2023-05-31', text: '5月31日前', problem: '' });
    expect(d('6月底')).toEqual({ date: '2023-06-30', text: '6月底', problem: '' });
    expect(d('2023年5月31日前')).toEqual({ date: '2023-05-31', text: '2023年5月31日前', problem: '' });
    expect(d('长期坚持')).toEqual({ date: null, text: '长期坚持', problem: '不是日期，已按原文保存' });
    expect(d('2023年2月30日')).toEqual({ date: null, text: '2023年2月30日', problem: '不是有效的日期（该月没有这一天），已按原文保存' });
    expect(d('下月底')).toMatchObject({ date: null, text: '下月底' }); // a relative word in an old sheet says no day
    expect(d(null)).toEqual({ date: null, text: '', problem: '' });
  });

  it('people lists, exact names', () => {
    expect(splitPeople('方芳、方芳波')).toEqual(['方芳', '方芳波']);
    expect(splitPeople('张伟,李娜，王强;赵敏；刘洋 陈静　周杰')).toEqual(['张伟', '李娜', '王强', '赵敏', '刘洋', '陈静', '周杰']);
    expect(splitPeople('张三（组长）、李四')).toEqual(['张三', '李四']);
    expect(splitPeople('方芳、方芳')).toEqual(['方芳']);
    expect(splitPeople(null)).toEqual([]);
  });

  it('tick-offs', () => {
    for (const v of ['是', '已销号', '√', '已完成', '完成', true]) expect(parseTick(v)).toBe(true);
    for (const v of ['否', '未销号', '×', '推进中', '', null, false]) expect(parseTick(v)).toBe(false);
    expect(parseTick('待定')).toBeNull();
  });

  it('numbers in the unit column\'s unit', () => {
    expect(quantityIn('1000万元', '万元')).toEqual({ value: 1000, unit: '万元', problem: '' });
    expect(quantityIn('1.2万', '件')).toEqual({ value: 12000, unit: '件', problem: '' });
    expect(quantityIn(352.5, '')).toEqual({ value: 352.5, unit: '', problem: '' });
    expect(quantityIn('较好', '件')).toEqual({ value: null, unit: '件', problem: '不是数字' });
  });

  it('years, titles, text', () => {
    expect(yearIn('填报日期：2023年6月5日')).toBe(2023);
    expect(yearIn('ankang-2024')).toBe(2024);
    expect(yearIn('第12期')).toBeNull();
    expect(campaignNameFromTitle('汉中市分公司党支部"领题破题"活动台账')).toBe('汉中市分公司党支部"领题破题"活动');
    expect(cellText(0.1 + 0.2)).toBe('0.3');
  });
});
