import { isValidLocalDate } from '../calendar/local-date.ts';

/**
 * The periods of reports (通报) and revisit samples: a calendar month '2026-10' or a calendar quarter
 * '2026-Q4', as Beijing dates [from, to). DOMAIN.md §6: reports are monthly or quarterly.
 */
export const REPORT_PERIOD_KINDS = ['month', 'quarter'] as const;
export type ReportPeriodKind = (typeof REPORT_PERIOD_KINDS)[number];

export interface ReportPeriod {
  kind: ReportPeriodKind;
  /** '2026-10' or '2026-Q4'. */
  key: string;
  /** First day, inclusive (YYYY-MM-DD). */
  from: string;
  /** The day after the last, exclusive. */
  to: string;
  /** '2026年10月', '2026年第四季度'. */
  labelZh: string;
}

const QUARTER_ZH = ['一', '二', '三', '四'];
const pad = (n: number) => String(n).padStart(2, '0');
const monthStart = (year: number, month: number) => (month > 12 ? `${year + 1}-01-01` : `${year}-${pad(month)}-01`);

function month(year: number, m: number): ReportPeriod {
  return { kind: 'month', key: `${year}-${pad(m)}`, from: monthStart(year, m), to: monthStart(year, m + 1), labelZh: `${year}年${m}月` };
}

function quarter(year: number, q: number): ReportPeriod {
  return { kind: 'quarter', key: `${year}-Q${q}`, from: monthStart(year, 3 * q - 2), to: monthStart(year, 3 * q + 1), labelZh: `${year}年第${QUARTER_ZH[q - 1]}季度` };
}

/** Reads '2026-10' (month) or '2026-Q4' (quarter); undefined for anything else. */
export function parseReportPeriod(kind: ReportPeriodKind, key: string): ReportPeriod | undefined {
  const m = kind === 'month' ? /^(\d{4})-(\d{2})$/.exec(key) : /^(\d{4})-Q([1-4])$/.exec(key);
  if (!m) return undefined;
  const year = Number(m[1]);
  const n = Number(m[2]);
  if (year < 2000 || year > 2999) return undefined;
  if (kind === 'month') return n >= 1 && n <= 12 ? month(year, n) : undefined;
  return quarter(year, n);
}

/** The period of the given kind that holds a Beijing date. */
export function reportPeriodOf(kind: ReportPeriodKind, date: string): ReportPeriod {
  if (!isValidLocalDate(date)) throw new RangeError(`invalid date ${JSON.stringify(date)}`);
  const year = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return kind === 'month' ? month(year, m) : quarter(year, Math.floor((m - 1) / 3) + 1);
}

/** The last whole period before the one that holds `date`: what a report at the start of a period covers. */
export function previousReportPeriod(kind: ReportPeriodKind, date: string): ReportPeriod {
  const current = reportPeriodOf(kind, date);
  const year = Number(current.from.slice(0, 4));
  const m = Number(current.from.slice(5, 7));
  if (kind === 'month') return m === 1 ? month(year - 1, 12) : month(year, m - 1);
  const q = Math.floor((m - 1) / 3) + 1;
  return q === 1 ? quarter(year - 1, 4) : quarter(year, q - 1);
}
