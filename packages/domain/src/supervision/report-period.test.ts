import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, toEpochDay } from '../calendar/local-date.ts';
import { parseReportPeriod, previousReportPeriod, reportPeriodOf } from './report-period.ts';

const day = fc.integer({ min: toEpochDay('2001-01-01'), max: toEpochDay('2098-12-31') }).map((d) => addDays('1970-01-01', d));

describe('report periods (通报: monthly, quarterly)', () => {
  it('reads months and quarters', () => {
    expect(parseReportPeriod('month', '2026-10')).toEqual({ kind: 'month', key: '2026-10', from: '2026-10-01', to: '2026-11-01', labelZh: '2026年10月' });
    expect(parseReportPeriod('month', '2026-12')!.to).toBe('2027-01-01');
    expect(parseReportPeriod('quarter', '2026-Q4')).toEqual({ kind: 'quarter', key: '2026-Q4', from: '2026-10-01', to: '2027-01-01', labelZh: '2026年第四季度' });
    for (const bad of ['2026-13', '2026-00', '2026-1', '26-10', '2026-Q4']) expect(parseReportPeriod('month', bad)).toBeUndefined();
    for (const bad of ['2026-Q5', '2026-Q0', '2026-10', '2026Q1']) expect(parseReportPeriod('quarter', bad)).toBeUndefined();
  });

  it('at the start of a month or quarter, the previous one is reported', () => {
    expect(previousReportPeriod('month', '2026-11-01').key).toBe('2026-10');
    expect(previousReportPeriod('month', '2026-01-15').key).toBe('2025-12');
    expect(previousReportPeriod('quarter', '2026-10-01').key).toBe('2026-Q3');
    expect(previousReportPeriod('quarter', '2026-02-01').key).toBe('2025-Q4');
  });

  it('each date lies in its period, and the previous period ends where it begins', () => {
    fc.assert(fc.property(day, fc.constantFrom('month' as const, 'quarter' as const), (d, kind) => {
      const p = reportPeriodOf(kind, d);
      const prev = previousReportPeriod(kind, d);
      return p.from <= d && d < p.to && prev.to === p.from && parseReportPeriod(kind, p.key)!.from === p.from;
    }));
  });
});
