import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, toEpochDay } from '../calendar/local-date.ts';
import { CAMPAIGN_QUARTERS, campaignQuarterOf, campaignQuarterRange, campaignYearRange } from './campaign-period.ts';

describe('campaign quarters (seed 002: December counts toward the next year)', () => {
  it('with the year ending in November, December is the next year’s first quarter', () => {
    expect(campaignQuarterOf('2025-12-01', 11)).toEqual({ year: 2026, quarter: 1 });
    expect(campaignQuarterOf('2026-03-31', 11)).toEqual({ year: 2026, quarter: 1 });
    expect(campaignQuarterOf('2026-04-01', 11)).toEqual({ year: 2026, quarter: 2 });
    expect(campaignQuarterOf('2026-11-30', 11)).toEqual({ year: 2026, quarter: 4 });
    expect(campaignQuarterOf('2026-12-31', 11)).toEqual({ year: 2027, quarter: 1 });
    expect(campaignQuarterRange(2026, 1, 11)).toEqual({ from: '2025-12-01', to: '2026-04-01' });
    expect(campaignQuarterRange(2026, 4, 11)).toEqual({ from: '2026-10-01', to: '2026-12-01' });
    expect(campaignYearRange(2026, 11)).toEqual({ from: '2025-12-01', to: '2026-12-01' });
  });

  it('with the year ending in December, quarters are the calendar’s', () => {
    expect(campaignQuarterOf('2026-12-31', 12)).toEqual({ year: 2026, quarter: 4 });
    expect(campaignQuarterRange(2026, 1, 12)).toEqual({ from: '2026-01-01', to: '2026-04-01' });
    expect(campaignQuarterRange(2026, 4, 12)).toEqual({ from: '2026-10-01', to: '2027-01-01' });
  });

  it('every day falls in exactly the quarter whose range holds it', () => {
    const day = fc.integer({ min: toEpochDay('2000-01-01'), max: toEpochDay('2099-12-31') }).map((d) => addDays('1970-01-01', d));
    fc.assert(fc.property(day, fc.constantFrom(10, 11, 12), (date, end) => {
      const { year, quarter } = campaignQuarterOf(date, end);
      const holding = CAMPAIGN_QUARTERS.filter((q) => {
        const r = campaignQuarterRange(year, q, end);
        return r.from <= date && date < r.to;
      });
      return holding.length === 1 && holding[0] === quarter;
    }));
  });

  it('the quarters of a year follow each other without gaps, and years follow each other', () => {
    fc.assert(fc.property(fc.integer({ min: 2000, max: 2098 }), fc.constantFrom(10, 11, 12), (year, end) => {
      const ranges = CAMPAIGN_QUARTERS.map((q) => campaignQuarterRange(year, q, end));
      const joined = ranges.every((r, i) => i === 0 || ranges[i - 1]!.to === r.from) && ranges.every((r) => r.from < r.to);
      return joined && campaignYearRange(year, end).to === campaignYearRange(year + 1, end).from;
    }));
  });

  it('refuses a year end that would leave the fourth quarter empty, and dates that do not exist', () => {
    expect(() => campaignQuarterOf('2026-05-01', 9)).toThrow(RangeError);
    expect(() => campaignQuarterOf('2026-02-30', 11)).toThrow(RangeError);
  });
});
