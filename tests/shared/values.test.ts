import { describe, expect, it } from 'vitest';
import {
  deadlineFields,
  deadlineOutsidePeriod,
  describeDate,
  describeQuantity,
  orderProblem,
  parseQuantity,
  quantityIn,
  readDate,
  readScore,
  splitPeople,
} from '../../shared/values';

const TODAY = '2026-12-03';
const form = (v: string) => readDate(v, { year: 2026, today: TODAY });
const sheet = (v: string) => readDate(v, { year: 2023 });

describe('dates, one reading for the import and the forms', () => {
  it('reads every way a clerk writes a day', () => {
    for (const s of ['2026-09-30', '2026/9/30', '2026.9.30', '2026年9月30日', '２０２６年９月３０日', '2026年9月30号', '20260930', ' 2026-9-30 ']) {
      expect(form(s)).toEqual({ kind: 'date', date: '2026-09-30', text: '', relative: false });
    }
  });

  it('reads 月底 and 前 as the last or named day and keeps the words', () => {
    expect(form('2026年9月底')).toEqual({ kind: 'date', date: '2026-09-30', text: '2026年9月底', relative: false });
    expect(describeDate(form('2026年9月底'))).toEqual({ ok: true, text: '= 2026年9月30日' });
    expect(sheet('2023年12月底')).toMatchObject({ date: '2023-12-31', text: '2023年12月底' });
    expect(readDate('2024年2月底', { year: 2024 })).toMatchObject({ date: '2024-02-29' });
    expect(sheet('5月31日前')).toMatchObject({ kind: 'date', date: '2023-05-31', text: '5月31日前' });
    expect(sheet('2023年底')).toMatchObject({ kind: 'date', date: '2023-12-31' });
  });

  it('refuses a day the calendar does not have, with a Chinese reason', () => {
    const r = form('2026-02-30');
    expect(r.kind).toBe('invalid');
    expect(describeDate(r)).toEqual({ ok: false, text: '不是有效的日期（该月没有这一天）' });
    expect(form('2026年13月底').kind).toBe('invalid');
    expect(form('2025-02-29').kind).toBe('invalid');
    expect(form('2024-02-29')).toMatchObject({ kind: 'date', date: '2024-02-29' });
  });

  it('keeps only the known non-dates as text; other words are refused', () => {
    expect(form('长期坚持')).toEqual({ kind: 'text', text: '长期坚持' });
    expect(form('持续推进')).toEqual({ kind: 'text', text: '持续推进' });
    expect(describeDate(form('长期坚持')).text).toContain('长期坚持');
    expect(deadlineFields(form('长期坚持'))).toEqual({ deadline: null, deadlineText: '长期坚持' });
    const typo = form('九月底吧');
    expect(typo.kind).toBe('invalid');
    expect(deadlineFields(typo)).toHaveProperty('message');
  });

  it('reads relative words against today in a form, and refuses them without one (the import)', () => {
    expect(form('下月底')).toEqual({ kind: 'date', date: '2027-01-31', text: '', relative: true });
    expect(form('本月底')).toMatchObject({ date: '2026-12-31' });
    expect(form('年底前')).toMatchObject({ date: '2026-12-31' });
    expect(form('下季度末')).toMatchObject({ date: '2027-03-31' });
    expect(readDate('下季度末', { year: 2026, today: '2026-05-10' })).toMatchObject({ date: '2026-09-30' });
    expect(form('下月15日')).toMatchObject({ date: '2027-01-15' });
    // The relative word is not stored: next month it would read wrong.
    expect(deadlineFields(form('下月底'))).toEqual({ deadline: '2027-01-31', deadlineText: '' });
    const old = sheet('下月底');
    expect(old.kind).toBe('invalid');
    expect(old.kind === 'invalid' && old.message).toContain('相对日期');
  });

  it('empty is empty', () => {
    expect(form('  ')).toEqual({ kind: 'empty' });
    expect(deadlineFields(form(''))).toEqual({ deadline: null, deadlineText: '' });
  });
});

describe('quantities with units', () => {
  it('splits a number from its unit', () => {
    expect(parseQuantity('1000万元')).toEqual({ value: 1000, unit: '万元', problem: '' });
    expect(parseQuantity('65%')).toEqual({ value: 65, unit: '%', problem: '' });
    expect(parseQuantity('6万余人次')).toEqual({ value: 6, unit: '万人次', problem: '' });
    expect(parseQuantity('1.2亿')).toEqual({ value: 1.2, unit: '亿', problem: '' });
    expect(parseQuantity('较好')).toEqual({ value: null, unit: '', problem: '不是数字' });
  });

  it("lets the indicator's unit decide what 1.2万 means", () => {
    expect(quantityIn('1.2万', '件')).toEqual({ value: 12000, unit: '件', problem: '' });
    expect(quantityIn('1.2万', '万元')).toEqual({ value: 1.2, unit: '万元', problem: '' });
    expect(quantityIn('17.11万件', '件')).toMatchObject({ value: 171100 });
    expect(quantityIn('1000万元', '亿元')).toMatchObject({ value: 0.1 });
    expect(quantityIn('6万余人次', '人次')).toMatchObject({ value: 60000 });
    expect(quantityIn('65%', '%')).toMatchObject({ value: 65 });
    expect(quantityIn('12000', '万件')).toMatchObject({ value: 12000 }); // a bare number is in the indicator's unit
    expect(quantityIn('1000万元', '')).toEqual({ value: 1000, unit: '万元', problem: '' });
    expect(quantityIn('5件', '元')).toMatchObject({ value: null, problem: '的单位「件」与指标单位「元」不一致' });
  });

  it('shows what it understood', () => {
    expect(describeQuantity('1.2万', '件')).toEqual({ ok: true, text: '= 12,000 件', value: 12000 });
    expect(describeQuantity('1.2万', '万元')).toEqual({ ok: true, text: '= 1.2 万元', value: 1.2 });
    expect(describeQuantity('很多', '件').ok).toBe(false);
    expect(describeQuantity('', '件')).toEqual({ ok: true, text: '', value: null });
  });
});

describe('scores within their maximum', () => {
  it('refuses above the maximum, never clamps; empty stays unscored', () => {
    expect(readScore(60, 50, '实效性')).toEqual({ kind: 'invalid', message: '「实效性」得分 60 超过满分 50 分' });
    expect(readScore('60', 50, '实效性').kind).toBe('invalid');
    expect(readScore('45', 50)).toEqual({ kind: 'score', value: 45 });
    expect(readScore('４５分', 50)).toEqual({ kind: 'score', value: 45 });
    expect(readScore(50, 50)).toEqual({ kind: 'score', value: 50 });
    expect(readScore('', 50)).toEqual({ kind: 'empty' });
    expect(readScore(null, 50)).toEqual({ kind: 'empty' });
    expect(readScore(-1, 50).kind).toBe('invalid');
    expect(readScore('四十', 50).kind).toBe('invalid');
  });
});

describe('lists of people', () => {
  it('splits on 、,，;； and line breaks', () => {
    expect(splitPeople('张伟,李娜，王强;赵敏；刘洋\n陈静、周杰')).toEqual(['张伟', '李娜', '王强', '赵敏', '刘洋', '陈静', '周杰']);
    expect(splitPeople('方芳、方芳波')).toEqual(['方芳', '方芳波']);
    expect(splitPeople('方芳、方芳')).toEqual(['方芳']);
  });

  it('never splits one entry on a space', () => {
    expect(splitPeople('党委组织部 孙伟')).toEqual(['党委组织部 孙伟']);
    expect(splitPeople('党委组织部 孙伟、纪委 王芳')).toEqual(['党委组织部 孙伟', '纪委 王芳']);
    expect(splitPeople('组织部 孙伟')).toEqual(['组织部 孙伟']);
    expect(splitPeople('王  伟')).toEqual(['王伟']);
    expect(splitPeople('欧阳 娜娜')).toEqual(['欧阳娜娜']);
    expect(splitPeople('John Smith')).toEqual(['John Smith']);
    // Between whole names a space still separates, as legacy sheets write them.
    expect(splitPeople('刘洋 陈静　周杰')).toEqual(['刘洋', '陈静', '周杰']);
  });

  it('keeps a note in brackets in one entry, or drops it to match names', () => {
    expect(splitPeople('孙伟（党委组织部、纪委）、王芳')).toEqual(['孙伟（党委组织部、纪委）', '王芳']);
    expect(splitPeople('张三（组长）、李四', { dropNotes: true })).toEqual(['张三', '李四']);
  });
});

describe('rules across fields', () => {
  it('an end before its start names both fields', () => {
    expect(orderProblem('2026-03-01', '2026-02-01', '开始日期', '结束日期')).toBe('结束日期（2026年2月1日）不能早于开始日期（2026年3月1日）');
    expect(orderProblem('2026-03-01', '2026-03-01', '开始日期', '结束日期')).toBeNull();
    expect(orderProblem(null, '2026-02-01', '开始日期', '结束日期')).toBeNull();
  });

  it('a deadline outside the topic period is a warning', () => {
    const topic = { startDate: '2026-03-01', endDate: '2026-12-31' };
    expect(deadlineOutsidePeriod('2026-02-01', topic)).toContain('早于课题开始日期');
    expect(deadlineOutsidePeriod('2027-01-31', topic)).toContain('晚于课题计划完成日期');
    expect(deadlineOutsidePeriod('2026-06-30', topic)).toBeNull();
    expect(deadlineOutsidePeriod(null, topic)).toBeNull();
  });
});
