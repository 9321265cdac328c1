import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EVALUATION_CHANNEL_INFO, EVALUATION_CHANNELS } from './channels.ts';
import { GBT_39046_CHANNEL_CODES, GBT_39046_OTHER_CHANNEL, toGbt39046Record, toGbt39046RegionCode, toGbt39046Time } from './gbt-39046.ts';

describe('GB/T 39046-2020 evaluation data set', () => {
  it('maps every channel with a national code to that code, and the rest to 9 其他', () => {
    for (const ch of EVALUATION_CHANNELS) {
      const national = EVALUATION_CHANNEL_INFO[ch].national;
      expect(GBT_39046_CHANNEL_CODES[ch], ch).toBe(national ?? GBT_39046_OTHER_CHANNEL);
    }
    expect(GBT_39046_CHANNEL_CODES.paper).toBe(9);
    expect(GBT_39046_CHANNEL_CODES.default).toBe(9);
  });

  it('writes 评价时间 in Beijing time, also across midnight UTC', () => {
    expect(toGbt39046Time(new Date('2026-11-03T02:05:09Z'))).toBe('20261103T100509');
    expect(toGbt39046Time(new Date('2026-12-31T16:00:00Z'))).toBe('20270101T000000');
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const s = toGbt39046Time(d);
        const back = new Date(`${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}+08:00`);
        return /^[0-9]{8}T[0-9]{6}$/.test(s) && back.getTime() === Math.floor(d.getTime() / 1000) * 1000;
      }),
    );
  });

  it('trims 行政区划 to nine digits at most: township, else the six-digit county', () => {
    expect(toGbt39046RegionCode('640181100201')).toBe('640181100');
    expect(toGbt39046RegionCode('640181100000')).toBe('640181100');
    expect(toGbt39046RegionCode('640181000000')).toBe('640181');
    expect(toGbt39046RegionCode('640100000000')).toBe('640100');
  });

  it('builds a record: satisfaction code reversed (1 = 非常满意), evaluator masked or anonymous', () => {
    const base = { caseNo: 'LW-1', channel: 'paper', kind: 'active' as const, realName: true, evaluatorMasked: '张**', submittedAt: new Date('2026-11-03T02:00:00Z'), round: 1, level: 5 as const, levelLabel: '非常满意', text: '好', regionCode: '640181000000' };
    expect(toGbt39046Record(base)).toEqual({ 办件编号: 'LW-1', 评价渠道: 9, 评价人: '张**', 评价时间: '20261103T100000', 评价次数: 1, 满意度: '非常满意', 满意度代码: 1, 文字评价: '好', 行政区划: '640181' });
    expect(toGbt39046Record({ ...base, realName: false, level: 1, levelLabel: '非常不满意', channel: 'device', text: null })).toMatchObject({ 评价人: '匿名', 满意度代码: 5, 评价渠道: 4, 文字评价: '' });
    expect(toGbt39046Record({ ...base, kind: 'default', channel: 'default', level: 3, levelLabel: '基本满意' })).toMatchObject({ 评价人: '系统默认', 满意度代码: 3, 评价渠道: 9 });
  });
});
