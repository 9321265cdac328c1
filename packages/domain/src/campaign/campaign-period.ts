import { isValidLocalDate } from '../calendar/local-date.ts';

/**
 * Quarters of a campaign year (评议年度). Seed 002 §三: the center adds up each quarter and, in early
 * December, the year — "12月测评数据计入下一年度": months after `yearEndMonth` belong to the next
 * year's first quarter. With yearEndMonth 11 the year 2026 runs from 2025-12-01 to 2026-11-30:
 * Q1 = Dec–Mar, Q2 = Apr–Jun, Q3 = Jul–Sep, Q4 = Oct–Nov. With 12 the quarters are the calendar's.
 * Dates are Beijing dates 'YYYY-MM-DD'; ranges are half-open [from, to).
 */
export type CampaignQuarter = 1 | 2 | 3 | 4;
export const CAMPAIGN_QUARTERS: readonly CampaignQuarter[] = [1, 2, 3, 4];

export interface CampaignDateRange {
  /** First day, inclusive. */
  from: string;
  /** The day after the last, exclusive. */
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const firstOf = (year: number, month: number) => (month > 12 ? `${year + 1}-01-01` : `${year}-${pad(month)}-01`);

function checkYearEnd(yearEndMonth: number): void {
  if (!Number.isInteger(yearEndMonth) || yearEndMonth < 10 || yearEndMonth > 12) throw new RangeError(`yearEndMonth ${yearEndMonth}: expected 10, 11 or 12`);
}

/** The campaign year and quarter a Beijing date counts toward. */
export function campaignQuarterOf(date: string, yearEndMonth: number): { year: number; quarter: CampaignQuarter } {
  checkYearEnd(yearEndMonth);
  if (!isValidLocalDate(date)) throw new RangeError(`invalid date ${JSON.stringify(date)}`);
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  if (month > yearEndMonth) return { year: year + 1, quarter: 1 };
  return { year, quarter: (Math.floor((month - 1) / 3) + 1) as CampaignQuarter };
}

/** The days of one quarter of a campaign year. */
export function campaignQuarterRange(year: number, quarter: CampaignQuarter, yearEndMonth: number): CampaignDateRange {
  checkYearEnd(yearEndMonth);
  switch (quarter) {
    case 1:
      return { from: yearEndMonth === 12 ? `${year}-01-01` : firstOf(year - 1, yearEndMonth + 1), to: `${year}-04-01` };
    case 2:
      return { from: `${year}-04-01`, to: `${year}-07-01` };
    case 3:
      return { from: `${year}-07-01`, to: `${year}-10-01` };
    case 4:
      return { from: `${year}-10-01`, to: firstOf(year, yearEndMonth + 1) };
  }
}

/** The days of a whole campaign year: from the first day of Q1 to the day after Q4. */
export function campaignYearRange(year: number, yearEndMonth: number): CampaignDateRange {
  return { from: campaignQuarterRange(year, 1, yearEndMonth).from, to: campaignQuarterRange(year, 4, yearEndMonth).to };
}
