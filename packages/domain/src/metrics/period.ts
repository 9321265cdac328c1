import { addDays, dayOfWeek, fromEpochDay, isValidLocalDate, toEpochDay } from '../calendar/local-date.ts';

/**
 * Statistics periods (统计周期): whole Beijing days, `from` and `to` inclusive. A named period is the
 * day, ISO week (Monday–Sunday), month, quarter or year that contains a date.
 */
export const PERIOD_UNITS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type PeriodUnit = (typeof PERIOD_UNITS)[number];

export interface DateRange {
  /** First day, YYYY-MM-DD. */
  from: string;
  /** Last day, YYYY-MM-DD, inclusive. */
  to: string;
}

const monthStart = (date: string) => `${date.slice(0, 7)}-01`;
const nextMonth = (first: string) => {
  const [y, m] = [Number(first.slice(0, 4)), Number(first.slice(5, 7))];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
};

/** The period of `unit` that contains `date`. */
export function periodContaining(unit: PeriodUnit, date: string): DateRange {
  if (!isValidLocalDate(date)) throw new RangeError(`not a date: ${date}`);
  switch (unit) {
    case 'day':
      return { from: date, to: date };
    case 'week': {
      const monday = addDays(date, -((dayOfWeek(date) + 6) % 7));
      return { from: monday, to: addDays(monday, 6) };
    }
    case 'month': {
      const from = monthStart(date);
      return { from, to: addDays(nextMonth(from), -1) };
    }
    case 'quarter': {
      const m = Number(date.slice(5, 7));
      const firstMonth = m - ((m - 1) % 3);
      const from = `${date.slice(0, 4)}-${String(firstMonth).padStart(2, '0')}-01`;
      return { from, to: addDays(nextMonth(nextMonth(nextMonth(from))), -1) };
    }
    case 'year':
      return { from: `${date.slice(0, 4)}-01-01`, to: `${date.slice(0, 4)}-12-31` };
  }
}

/** Number of days in the range (1 for a single day). */
export const rangeDays = (r: DateRange) => toEpochDay(r.to) - toEpochDay(r.from) + 1;

/** What is wrong with a range, or null: both real dates, `to` not before `from`, at most `maxDays` long. */
export function checkRange(r: DateRange, maxDays: number): { field: 'from' | 'to'; reason: string } | null {
  if (!isValidLocalDate(r.from)) return { field: 'from', reason: 'a date YYYY-MM-DD' };
  if (!isValidLocalDate(r.to)) return { field: 'to', reason: 'a date YYYY-MM-DD' };
  if (r.to < r.from) return { field: 'to', reason: 'must not be before from' };
  if (rangeDays(r) > maxDays) return { field: 'to', reason: `a period of at most ${maxDays} days` };
  return null;
}

/**
 * A range cut into the whole calendar months it covers (each named by its first day) and the days
 * left over at either end, so that a query reads monthly rollups wherever it can and daily rollups
 * only at the ragged edges. The parts are disjoint and together are exactly the range.
 */
export function splitByMonths(r: DateRange): { months: string[]; days: DateRange[] } {
  const months: string[] = [];
  const days: DateRange[] = [];
  const end = toEpochDay(r.to);
  let cursor = r.from;
  // Leading days up to the first month start inside the range.
  if (cursor !== monthStart(cursor)) {
    const lead = Math.min(toEpochDay(nextMonth(monthStart(cursor))) - 1, end);
    days.push({ from: cursor, to: fromEpochDay(lead) });
    cursor = fromEpochDay(lead + 1);
  }
  while (toEpochDay(cursor) <= end) {
    const last = toEpochDay(nextMonth(cursor)) - 1;
    if (last <= end) {
      months.push(cursor);
      cursor = fromEpochDay(last + 1);
    } else {
      days.push({ from: cursor, to: r.to });
      break;
    }
  }
  return { months, days };
}

/** Every day of a range, in order. */
export function daysOf(r: DateRange): string[] {
  const out: string[] = [];
  for (let d = toEpochDay(r.from), end = toEpochDay(r.to); d <= end; d++) out.push(fromEpochDay(d));
  return out;
}
