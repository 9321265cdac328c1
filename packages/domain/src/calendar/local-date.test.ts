import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  dayOfWeek,
  fromEpochDay,
  isValidLocalDate,
  parseInstant,
  shanghaiDateOf,
  startOfShanghaiDay,
  toEpochDay,
} from './local-date.ts';

const HOUR = 3_600_000;

// Reference implementation through Date's UTC getters, used only to cross-check the arithmetic.
function referenceShanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + 8 * HOUR).toISOString().slice(0, 10);
}

const instantArb = fc.date({
  min: new Date('1900-01-01T00:00:00Z'),
  max: new Date('2199-12-31T00:00:00Z'),
  noInvalidDate: true,
});

describe('local dates in Asia/Shanghai', () => {
  it('uses the Shanghai date, not the UTC date, around Shanghai midnight', () => {
    // 23:30 on Friday 2026-02-13 in Shanghai is 15:30 UTC the same day.
    expect(shanghaiDateOf(new Date('2026-02-13T15:30:00Z'))).toBe('2026-02-13');
    // 07:00 on Saturday 2026-02-14 in Shanghai is still Friday in UTC.
    expect(shanghaiDateOf(new Date('2026-02-13T23:00:00Z'))).toBe('2026-02-14');
    expect(shanghaiDateOf(new Date('2026-02-13T15:59:59.999Z'))).toBe('2026-02-13');
    expect(shanghaiDateOf(new Date('2026-02-13T16:00:00Z'))).toBe('2026-02-14');
  });

  it('starts a Shanghai day at 16:00 UTC on the previous day', () => {
    expect(startOfShanghaiDay('2026-02-14').toISOString()).toBe('2026-02-13T16:00:00.000Z');
    expect(startOfShanghaiDay('2026-01-01').toISOString()).toBe('2025-12-31T16:00:00.000Z');
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-10-01', 0)).toBe('2026-10-01');
    expect(() => addDays('2026-10-01', 1.5)).toThrow(RangeError);
  });

  it('numbers weekdays like Date#getDay (2026-02-13 is a Friday, 2026-02-15 a Sunday)', () => {
    expect(dayOfWeek('2026-02-13')).toBe(5);
    expect(dayOfWeek('2026-02-14')).toBe(6);
    expect(dayOfWeek('2026-02-15')).toBe(0);
    expect(dayOfWeek('1969-12-31')).toBe(3);
  });

  it('accepts only real dates written as YYYY-MM-DD', () => {
    expect(isValidLocalDate('2026-02-28')).toBe(true);
    expect(isValidLocalDate('2024-02-29')).toBe(true);
    expect(isValidLocalDate('2026-02-29')).toBe(false);
    expect(isValidLocalDate('1900-02-29')).toBe(false);
    expect(isValidLocalDate('2000-02-29')).toBe(true);
    expect(isValidLocalDate('2026-2-3')).toBe(false);
    expect(isValidLocalDate('2026-13-01')).toBe(false);
    expect(isValidLocalDate('2026-04-31')).toBe(false);
    expect(isValidLocalDate('2026-01-00')).toBe(false);
    expect(isValidLocalDate('2026-01-01T00:00:00Z')).toBe(false);
    expect(isValidLocalDate('')).toBe(false);
  });

  it('names the offending value when rejecting a date or an instant', () => {
    expect(() => startOfShanghaiDay('2026-02-30')).toThrow(/2026-02-30/);
    expect(() => dayOfWeek('tomorrow')).toThrow(RangeError);
    expect(() => shanghaiDateOf(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('property: agrees with a Date-based reference for instants in 1900–2199', () => {
    fc.assert(
      fc.property(instantArb, (instant) => {
        expect(shanghaiDateOf(instant)).toBe(referenceShanghaiDate(instant));
      }),
    );
  });

  it('property: the start of the Shanghai day of an instant is at most 24 h before it and on the same date', () => {
    fc.assert(
      fc.property(instantArb, (instant) => {
        const date = shanghaiDateOf(instant);
        const start = startOfShanghaiDay(date);
        expect(start.getTime()).toBeLessThanOrEqual(instant.getTime());
        expect(instant.getTime() - start.getTime()).toBeLessThan(24 * HOUR);
        expect(shanghaiDateOf(start)).toBe(date);
      }),
    );
  });

  it('property: epoch-day conversion round-trips and dayOfWeek matches Date#getUTCDay', () => {
    fc.assert(
      fc.property(fc.integer({ min: toEpochDay('0000-01-01'), max: toEpochDay('9999-12-31') }), (day) => {
        const date = fromEpochDay(day);
        expect(isValidLocalDate(date)).toBe(true);
        expect(toEpochDay(date)).toBe(day);
        expect(addDays(date, 0)).toBe(date);
        expect(dayOfWeek(date)).toBe(new Date(day * 86_400_000).getUTCDay());
      }),
    );
  });
});

describe('reading instants written by people', () => {
  const at = (s: string) => parseInstant(s)?.toISOString();

  it('reads a wall-clock time as Beijing time and an offset as given', () => {
    expect(at('2026-11-02 09:30')).toBe('2026-11-02T01:30:00.000Z');
    expect(at(' 2026-11-02 09:30:15 ')).toBe('2026-11-02T01:30:15.000Z');
    expect(at('2026-11-02T00:10')).toBe('2026-11-01T16:10:00.000Z');
    expect(at('2026-11-02T09:30:00+08:00')).toBe('2026-11-02T01:30:00.000Z');
    expect(at('2026-11-02T09:30:00.25Z')).toBe('2026-11-02T09:30:00.250Z');
    expect(at('2026-11-02T09:30-0530')).toBe('2026-11-02T15:00:00.000Z');
  });

  it('refuses dates that do not exist, times out of range and other shapes', () => {
    for (const s of ['2026-02-30 09:00', '2026-11-02 24:00', '2026-11-02 09:60', '2026-12-31T23:59:60Z', '2026-11-02', '2026/11/02 09:00', '2026-11-02 9:00', '2026-11-02 09:00+08:00', '2026-11-02T09:00:00+25:00', 'soon', '']) {
      expect(parseInstant(s), s).toBeUndefined();
    }
  });

  it('agrees with Date for every ISO instant with an offset', () => {
    fc.assert(
      fc.property(instantArb, (d) => {
        expect(parseInstant(d.toISOString())?.getTime()).toBe(d.getTime());
      }),
    );
  });
});
