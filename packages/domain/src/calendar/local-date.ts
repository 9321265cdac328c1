/**
 * Calendar dates (日期) as 'YYYY-MM-DD' strings, always meaning the date on the
 * wall calendar in Asia/Shanghai (北京时间).
 *
 * China has used a fixed UTC+8 offset without daylight saving since 1991, so
 * every conversion here is plain integer arithmetic on a fixed +08:00 offset;
 * Intl would be slower and would make results depend on the host's ICU data.
 * Dates before 1991 are still converted with +08:00: the platform never deals
 * with them and a single rule is easier to reason about.
 */

const MS_PER_DAY = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

// Only four-digit years fit the 'YYYY-MM-DD' shape the rest of the platform stores.
const MIN_YEAR = 0;
const MAX_YEAR = 9999;

const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Returns [year, month, day] or undefined when `s` is not a real calendar date. */
function parse(s: string): [number, number, number] | undefined {
  const match = LOCAL_DATE_PATTERN.exec(s);
  if (match === null) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12) return undefined;
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  return [year, month, day];
}

// Howard Hinnant's days_from_civil / civil_from_days: exact for the proleptic
// Gregorian calendar, no Date allocation, no two-digit-year quirks of Date.UTC.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function civilFromDays(epochDay: number): [number, number, number] {
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return [year, month, day];
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** True when `s` is a real date written exactly as 'YYYY-MM-DD' (e.g. '2026-02-30' is not). */
export function isValidLocalDate(s: string): boolean {
  return typeof s === 'string' && parse(s) !== undefined;
}

/**
 * Days since 1970-01-01 for a 'YYYY-MM-DD' date. The calendar keys its caches
 * and loops on these integers so that stepping a day is `+ 1`, not a re-parse.
 */
export function toEpochDay(date: string): number {
  const parts = typeof date === 'string' ? parse(date) : undefined;
  if (parts === undefined) {
    throw new RangeError(`Invalid local date ${JSON.stringify(date)}: expected a real date as YYYY-MM-DD`);
  }
  return daysFromCivil(parts[0], parts[1], parts[2]);
}

export function fromEpochDay(epochDay: number): string {
  if (!Number.isSafeInteger(epochDay)) {
    throw new RangeError(`Invalid epoch day ${epochDay}: expected an integer`);
  }
  const [year, month, day] = civilFromDays(epochDay);
  if (year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`Epoch day ${epochDay} is outside the years ${MIN_YEAR}–${MAX_YEAR}`);
  }
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function instantMs(instant: Date, label: string): number {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new RangeError(`Invalid ${label}: expected a valid Date`);
  }
  return ms;
}

/** The Shanghai calendar day of an instant, as days since 1970-01-01. */
export function shanghaiEpochDayOf(instant: Date): number {
  return Math.floor((instantMs(instant, 'instant') + SHANGHAI_OFFSET_MS) / MS_PER_DAY);
}

/** The UTC instant of 00:00 Shanghai on the given epoch day. */
export function startOfShanghaiEpochDay(epochDay: number): Date {
  return new Date(epochDay * MS_PER_DAY - SHANGHAI_OFFSET_MS);
}

/**
 * The date an instant falls on in Shanghai. 2026-02-13T15:30:00Z is 23:30 on
 * Friday 2026-02-13 in Shanghai, while 2026-02-13T16:00:00Z is already 2026-02-14.
 */
export function shanghaiDateOf(instant: Date): string {
  return fromEpochDay(shanghaiEpochDayOf(instant));
}

/** The instant of 00:00 Shanghai on `date`, i.e. 16:00 UTC on the previous day. */
export function startOfShanghaiDay(date: string): Date {
  return startOfShanghaiEpochDay(toEpochDay(date));
}

/** Calendar arithmetic on dates; `n` may be negative. */
export function addDays(date: string, n: number): string {
  if (!Number.isSafeInteger(n)) {
    throw new RangeError(`Invalid day count ${n}: expected an integer`);
  }
  return fromEpochDay(toEpochDay(date) + n);
}

/** 0 = Sunday … 6 = Saturday, the same numbering as Date#getDay. */
export function dayOfWeek(date: string): number {
  // 1970-01-01 was a Thursday (4); the double modulo keeps pre-1970 days positive.
  return (((toEpochDay(date) + 4) % 7) + 7) % 7;
}

// 'YYYY-MM-DD HH:mm[:ss]' (or with 'T'): a wall-clock time in Shanghai.
const WALL_CLOCK = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;
// ISO 8601 with an offset: '2026-11-02T09:30:00+08:00', '…Z', '…+0800', with optional fractions.
const WITH_OFFSET = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)$/i;

/**
 * Reads an instant as people and spreadsheets write it: ISO 8601 with an offset, or a Beijing
 * wall-clock time 'YYYY-MM-DD HH:mm[:ss]'. Undefined for anything else, including dates that do
 * not exist and the leap second 23:59:60 (no JavaScript instant has it).
 *
 * @example parseInstant('2026-11-02 09:30') // → 2026-11-02T01:30:00.000Z
 * @example parseInstant('2026-11-02T09:30:00Z') // → 2026-11-02T09:30:00.000Z
 */
export function parseInstant(text: string): Date | undefined {
  const s = text.trim();
  const local = WALL_CLOCK.exec(s);
  const zoned = local ? undefined : WITH_OFFSET.exec(s);
  const m = local ?? zoned;
  if (!m || !isValidLocalDate(m[1]!)) return undefined;
  const [h, min, sec] = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
  if (h > 23 || min > 59 || sec > 59) return undefined;
  const ms = Number((zoned?.[5] ?? '').padEnd(3, '0').slice(0, 3));
  let offsetMs = SHANGHAI_OFFSET_MS;
  if (zoned) {
    const zone = zoned[6]!.toUpperCase();
    const z = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
    offsetMs = z ? (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 3_600_000 + Number(z[3] ?? 0) * 60_000) : 0;
    if (z && (Number(z[2]) > 23 || Number(z[3] ?? 0) > 59)) return undefined;
  }
  return new Date(toEpochDay(m[1]!) * MS_PER_DAY + h * 3_600_000 + min * 60_000 + sec * 1000 + ms - offsetMs);
}
