// The package's pre-built data file rather than its functions: see chineseDaysBase.
import chineseDaysData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import {
  dayOfWeek,
  fromEpochDay,
  shanghaiEpochDayOf,
  startOfShanghaiEpochDay,
  toEpochDay,
} from './local-date.ts';

/**
 * Working-day calendar (工作日历) for deadlines counted in working days (工作日).
 *
 * A day is working or not according to, in order of precedence:
 *   1. the override layers, last layer first (e.g. city over province over national);
 *   2. the base calendar, by default the `chinese-days` package: weekends and
 *      public holidays (法定节假日) are off, make-up working days (调休补班) are on.
 *
 * Data coverage of the default base (`chinese-days` 1.5.7): the State Council
 * arrangements for 2004 through 2026 only. For any other year the package
 * silently falls back to "Monday–Friday are working days", so New Year's Day
 * 2027 counts as a working day until an override layer (or a package update)
 * supplies that year's notice. See CHINESE_DAYS_COVERAGE.
 */

export type DayKind = 'workday' | 'holiday';

/** One administrator correction: 'holiday' takes a day off, 'workday' makes it a working day (补班). */
export type DayOverride = { date: string; kind: DayKind; name?: string };

export type DayInfo = {
  readonly date: string;
  readonly working: boolean;
  readonly source: 'base' | 'override';
  readonly name?: string;
};

export type WorkingCalendarOptions = {
  /** Layers in increasing precedence: for a date, the last layer that mentions it wins. */
  overrides?: readonly (readonly DayOverride[])[];
  /** Whether a date is a working day when no override mentions it. Defaults to chinese-days. */
  base?: (date: string) => boolean;
};

/**
 * Years for which the bundled `chinese-days` data holds the official holiday
 * arrangement. A test checks this against the package so that upgrading it
 * forces this constant (and the docs) to be revisited.
 */
export const CHINESE_DAYS_COVERAGE = { firstYear: 2004, lastYear: 2026 } as const;

type BaseDay = { working: boolean; name?: string };

/** Date → "English name,中文名,length" as shipped in chinese-days/dist/chinese-days.json. */
const chineseDaysTables: {
  readonly holidays: Readonly<Record<string, string>>;
  readonly workdays: Readonly<Record<string, string>>;
} = chineseDaysData;

/**
 * The same rule as chinese-days' isWorkday/getDayDetail (make-up day → working,
 * holiday → off, otherwise Monday–Friday), applied to the package's JSON data.
 * Its functions are not used because they depend on the host time zone: the
 * package builds its tables at load time with local-time Date getters on dates
 * parsed as UTC, so on a host west of UTC (e.g. America/New_York) every holiday
 * is shifted one day earlier. The JSON file is generated ahead of time and is
 * keyed by plain 'YYYY-MM-DD' strings.
 */
function chineseDaysBase(date: string): BaseDay {
  const makeUp = chineseDaysTables.workdays[date];
  const entry = makeUp ?? chineseDaysTables.holidays[date];
  if (entry === undefined) {
    const weekday = dayOfWeek(date);
    return { working: weekday !== 0 && weekday !== 6 };
  }
  // Keep the Chinese name (春节, 国庆节 …): it is what users of the platform read.
  const name = entry.split(',')[1];
  const working = makeUp !== undefined;
  return name === undefined || name === '' ? { working } : { working, name };
}

/** The default base rule: is `date` a working day according to chinese-days. */
export function chineseDaysIsWorkday(date: string): boolean {
  // Throws on a malformed date instead of quietly answering "not in the tables".
  toEpochDay(date);
  return chineseDaysBase(date).working;
}

// No real arrangement comes close (the longest break is 8–9 days); hitting this
// means a misconfigured base or overrides, which would otherwise loop forever.
const MAX_CONSECUTIVE_DAYS_OFF = 366;

function validateLayers(layers: readonly (readonly DayOverride[])[]): Map<number, DayOverride> {
  if (!Array.isArray(layers)) {
    throw new RangeError('Calendar overrides must be an array of layers');
  }
  const merged = new Map<number, DayOverride>();
  layers.forEach((layer, layerIndex) => {
    if (!Array.isArray(layer)) {
      throw new RangeError(`Calendar override layer ${layerIndex} must be an array`);
    }
    const seen = new Set<number>();
    for (const override of layer as readonly unknown[]) {
      const { date, kind, name } = (override ?? {}) as Partial<DayOverride>;
      if (typeof date !== 'string') {
        throw new RangeError(`Calendar override in layer ${layerIndex} has no date`);
      }
      let day: number;
      try {
        day = toEpochDay(date);
      } catch {
        throw new RangeError(
          `Calendar override in layer ${layerIndex} has invalid date ${JSON.stringify(date)}: expected YYYY-MM-DD`,
        );
      }
      if (kind !== 'workday' && kind !== 'holiday') {
        throw new RangeError(
          `Calendar override for ${date} in layer ${layerIndex} has invalid kind ${JSON.stringify(kind)}: expected 'workday' or 'holiday'`,
        );
      }
      if (name !== undefined && typeof name !== 'string') {
        throw new RangeError(`Calendar override for ${date} in layer ${layerIndex} has a non-string name`);
      }
      // Within one layer the order carries no meaning, so a repeated date is ambiguous.
      if (seen.has(day)) {
        throw new RangeError(`Calendar override layer ${layerIndex} mentions ${date} more than once`);
      }
      seen.add(day);
      // Copied so that later mutation of the caller's data cannot change answers already cached.
      merged.set(day, name === undefined ? { date, kind } : { date, kind, name });
    }
  });
  return merged;
}

function validInstantMs(instant: Date, label: string): number {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new RangeError(`Invalid ${label}: expected a valid Date`);
  }
  return ms;
}

export class WorkingCalendar {
  readonly #overrides: Map<number, DayOverride>;
  readonly #base: (date: string) => BaseDay;
  // Answers never change for an instance, so every date is looked up at most once.
  readonly #memo = new Map<number, DayInfo>();

  constructor(options: WorkingCalendarOptions = {}) {
    this.#overrides = validateLayers(options.overrides ?? []);
    const base = options.base;
    this.#base = base === undefined ? chineseDaysBase : (date) => ({ working: base(date) === true });
  }

  isWorkingDay(date: string): boolean {
    return this.#info(toEpochDay(date)).working;
  }

  dayInfo(date: string): DayInfo {
    return this.#info(toEpochDay(date));
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: string): string {
    return fromEpochDay(this.#firstWorkingFrom(toEpochDay(date) + 1));
  }

  /**
   * The deadline (办理时限) `n` working days after `start`.
   *
   * Counting starts on the day after the start's Shanghai date, so the start day
   * never counts however early the case arrived. The result is the end of the
   * n-th working day, expressed as the following 00:00 Shanghai: an exclusive
   * bound, passed once `now >= deadline`. For n = 0 it is the end of the start
   * day if that is a working day, else the end of the next working day.
   */
  addWorkingDays(start: Date, n: number): Date {
    validInstantMs(start, 'start');
    if (!Number.isSafeInteger(n) || n < 0) {
      throw new RangeError(`Invalid working-day count ${n}: expected a non-negative integer`);
    }
    const startDay = shanghaiEpochDayOf(start);
    let day = this.#firstWorkingFrom(n === 0 ? startDay : startDay + 1);
    for (let counted = 1; counted < n; counted++) {
      day = this.#firstWorkingFrom(day + 1);
    }
    return startOfShanghaiEpochDay(day + 1);
  }

  /**
   * Working days whose Shanghai date is after `from`'s date and on or before
   * `to`'s date; 0 when `to` is not after `from`. For n ≥ 1 this undoes
   * addWorkingDays: workingDaysBetween(s, addWorkingDays(s, n) − 1 ms) === n.
   */
  workingDaysBetween(from: Date, to: Date): number {
    const fromMs = validInstantMs(from, 'from');
    const toMs = validInstantMs(to, 'to');
    if (toMs <= fromMs) return 0;
    return this.#countWorking(shanghaiEpochDayOf(from) + 1, shanghaiEpochDayOf(to));
  }

  isPastDeadline(deadline: Date, now: Date): boolean {
    return validInstantMs(now, 'now') >= validInstantMs(deadline, 'deadline');
  }

  /**
   * Signed working days to the deadline, for "2 working days left" / "overdue by
   * 1 working day". Never negative before the deadline, always negative after it,
   * so the sign alone agrees with isPastDeadline.
   *
   * Before the deadline: working days after today up to the deadline's last day,
   * so it equals n right after addWorkingDays(now, n) and 0 means "due today".
   *
   * From the deadline on: −(working days from the day the deadline passed up to
   * today), where a day off counts as the next working day — being late on the
   * Saturday after a Friday deadline is 1 working day overdue, just as on Monday.
   */
  remainingWorkingDays(deadline: Date, now: Date): number {
    const deadlineMs = validInstantMs(deadline, 'deadline');
    const nowMs = validInstantMs(now, 'now');
    const today = shanghaiEpochDayOf(now);
    if (nowMs < deadlineMs) {
      const lastDay = shanghaiEpochDayOf(new Date(deadlineMs - 1));
      return this.#countWorking(today + 1, lastDay);
    }
    return -this.#countWorking(shanghaiEpochDayOf(deadline), this.#firstWorkingFrom(today));
  }

  /** Every day from `from` to `to`, both included; empty when `to` is before `from`. */
  listDays(from: string, to: string): DayInfo[] {
    const first = toEpochDay(from);
    const last = toEpochDay(to);
    const days: DayInfo[] = [];
    for (let day = first; day <= last; day++) days.push(this.#info(day));
    return days;
  }

  /** The working days of a calendar year, in order. */
  workingDaysOfYear(year: number): DayInfo[] {
    if (!Number.isInteger(year) || year < 0 || year > 9999) {
      throw new RangeError(`Invalid year ${year}: expected an integer from 0 to 9999`);
    }
    const y = String(year).padStart(4, '0');
    return this.listDays(`${y}-01-01`, `${y}-12-31`).filter((info) => info.working);
  }

  #info(day: number): DayInfo {
    const cached = this.#memo.get(day);
    if (cached !== undefined) return cached;
    const date = fromEpochDay(day);
    const override = this.#overrides.get(day);
    let info: DayInfo;
    if (override !== undefined) {
      const working = override.kind === 'workday';
      info = override.name === undefined
        ? { date, working, source: 'override' }
        : { date, working, source: 'override', name: override.name };
    } else {
      const base = this.#base(date);
      info = base.name === undefined
        ? { date, working: base.working, source: 'base' }
        : { date, working: base.working, source: 'base', name: base.name };
    }
    // Frozen because the same object is handed to every caller asking for this date.
    Object.freeze(info);
    this.#memo.set(day, info);
    return info;
  }

  #firstWorkingFrom(day: number): number {
    for (let offset = 0; offset < MAX_CONSECUTIVE_DAYS_OFF; offset++) {
      if (this.#info(day + offset).working) return day + offset;
    }
    throw new RangeError(
      `No working day within ${MAX_CONSECUTIVE_DAYS_OFF} days from ${fromEpochDay(day)}; check the calendar base and overrides`,
    );
  }

  #countWorking(firstDay: number, lastDay: number): number {
    let count = 0;
    for (let day = firstDay; day <= lastDay; day++) {
      if (this.#info(day).working) count++;
    }
    return count;
  }
}
