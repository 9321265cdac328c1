import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, dayOfWeek } from '../calendar/local-date.ts';
import { checkRange, daysOf, periodContaining, PERIOD_UNITS, rangeDays, splitByMonths } from './period.ts';

const date = fc.integer({ min: 0, max: 365 * 12 }).map((n) => addDays('2020-01-01', n));

describe('statistics periods', () => {
  it('names the period containing a date', () => {
    expect(periodContaining('quarter', '2026-11-22')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(periodContaining('quarter', '2026-02-28')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(periodContaining('month', '2024-02-10')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(periodContaining('week', '2026-11-22')).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    expect(periodContaining('year', '2026-06-01')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(() => periodContaining('day', '2026-02-30')).toThrow(RangeError);
  });

  it('every period contains its date; weeks start on Monday and last 7 days', () => {
    fc.assert(fc.property(date, fc.constantFrom(...PERIOD_UNITS), (d, unit) => {
      const p = periodContaining(unit, d);
      expect(p.from <= d && d <= p.to).toBe(true);
      if (unit === 'week') expect([dayOfWeek(p.from), rangeDays(p)]).toEqual([1, 7]);
      if (unit === 'quarter') expect([89, 90, 91, 92]).toContain(rangeDays(p));
    }));
  });

  it('splitByMonths: whole months and ragged days are disjoint and cover the range exactly', () => {
    fc.assert(fc.property(date, fc.integer({ min: 0, max: 800 }), (from, len) => {
      const r = { from, to: addDays(from, len) };
      const { months, days } = splitByMonths(r);
      const covered = [...months.flatMap((m) => daysOf(periodContaining('month', m))), ...days.flatMap(daysOf)].sort();
      expect(covered).toEqual(daysOf(r));
      for (const m of months) expect(m.endsWith('-01')).toBe(true);
      expect(days.length).toBeLessThanOrEqual(2);
    }));
    expect(splitByMonths({ from: '2026-10-01', to: '2026-12-31' })).toEqual({ months: ['2026-10-01', '2026-11-01', '2026-12-01'], days: [] });
    expect(splitByMonths({ from: '2026-01-15', to: '2026-03-20' })).toEqual({ months: ['2026-02-01'], days: [{ from: '2026-01-15', to: '2026-01-31' }, { from: '2026-03-01', to: '2026-03-20' }] });
  });

  it('checkRange refuses reversed, malformed and too long periods', () => {
    expect(checkRange({ from: '2026-03-01', to: '2026-02-01' }, 366)).toMatchObject({ field: 'to' });
    expect(checkRange({ from: '2026-02-30', to: '2026-03-01' }, 366)).toMatchObject({ field: 'from' });
    expect(checkRange({ from: '2020-01-01', to: '2026-01-01' }, 366)).toMatchObject({ field: 'to', reason: 'a period of at most 366 days' });
    expect(checkRange({ from: '2026-01-01', to: '2026-01-01' }, 1)).toBeNull();
  });
});
