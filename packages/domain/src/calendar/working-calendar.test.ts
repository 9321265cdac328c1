import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import chineseDays from 'chinese-days';
import {
  CHINESE_DAYS_COVERAGE,
  WorkingCalendar,
  chineseDaysIsWorkday,
  type DayOverride,
} from './working-calendar.ts';
import { dayOfWeek, shanghaiDateOf } from './local-date.ts';

/** An instant written as Shanghai wall-clock time, e.g. at('2026-02-13 23:30'). */
function at(shanghaiWallClock: string): Date {
  return new Date(`${shanghaiWallClock.replace(' ', 'T')}:00+08:00`);
}

/** The deadline instant that closes `date`, i.e. 00:00 Shanghai on the following day. */
function endOf(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00+08:00`) + 86_400_000);
}

const calendar = new WorkingCalendar();

describe('WorkingCalendar with the chinese-days 2026 arrangement', () => {
  it('knows Spring Festival 2026: off 2026-02-15..23, make-up working days Sat 02-14 and Sat 02-28', () => {
    expect(calendar.isWorkingDay('2026-02-13')).toBe(true);
    expect(calendar.isWorkingDay('2026-02-14')).toBe(true);
    for (let day = 15; day <= 23; day++) {
      expect(calendar.isWorkingDay(`2026-02-${day}`)).toBe(false);
    }
    expect(calendar.isWorkingDay('2026-02-24')).toBe(true);
    expect(calendar.isWorkingDay('2026-02-28')).toBe(true);
    expect(calendar.isWorkingDay('2026-03-01')).toBe(false);
  });

  it('knows National Day 2026: off 10-01..07 (and Mid-Autumn 09-25..27), make-up working days Sun 09-20 and Sat 10-10', () => {
    expect(calendar.isWorkingDay('2026-09-20')).toBe(true);
    expect(calendar.isWorkingDay('2026-09-25')).toBe(false);
    expect(calendar.isWorkingDay('2026-09-30')).toBe(true);
    for (let day = 1; day <= 7; day++) {
      expect(calendar.isWorkingDay(`2026-10-0${day}`)).toBe(false);
    }
    expect(calendar.isWorkingDay('2026-10-08')).toBe(true);
    expect(calendar.isWorkingDay('2026-10-10')).toBe(true);
    expect(calendar.isWorkingDay('2026-10-11')).toBe(false);
  });

  it('5 working days from 2026-02-13 (Friday) end with Fri 02-27: Sat 02-14 make-up, then 02-24..27', () => {
    expect(calendar.addWorkingDays(at('2026-02-13 10:00'), 5)).toEqual(endOf('2026-02-27'));
    expect(calendar.addWorkingDays(at('2026-02-13 10:00'), 5).toISOString()).toBe('2026-02-27T16:00:00.000Z');
  });

  it('6 working days from 2026-02-13 end with the make-up Saturday 2026-02-28', () => {
    expect(calendar.addWorkingDays(at('2026-02-13 10:00'), 6)).toEqual(endOf('2026-02-28'));
    expect(calendar.addWorkingDays(at('2026-02-13 10:00'), 7)).toEqual(endOf('2026-03-02'));
  });

  it('a case completed 2026-09-30 with 5 working days ends on Tue 2026-10-13 (10-08, 10-09, make-up Sat 10-10, 10-12, 10-13)', () => {
    expect(calendar.addWorkingDays(at('2026-09-30 15:00'), 5)).toEqual(endOf('2026-10-13'));
  });

  it('1 working day from Sat 2026-09-19 is the make-up Sunday 2026-09-20', () => {
    expect(calendar.addWorkingDays(at('2026-09-19 11:00'), 1)).toEqual(endOf('2026-09-20'));
  });

  it('3 working days from Thu 2026-03-12 cross an ordinary weekend and end with Tue 2026-03-17', () => {
    expect(calendar.addWorkingDays(at('2026-03-12 09:00'), 3)).toEqual(endOf('2026-03-17'));
  });

  it('Friday 2026-02-13 23:30 Shanghai (15:30 UTC) counts from Sat 02-14, so 1 working day ends with that make-up Saturday', () => {
    const start = new Date('2026-02-13T15:30:00Z');
    expect(start).toEqual(at('2026-02-13 23:30'));
    expect(calendar.addWorkingDays(start, 1)).toEqual(endOf('2026-02-14'));
  });

  it('Saturday 2026-02-14 00:00 Shanghai (Friday 16:00 UTC) is a Saturday start: 1 working day ends with Tue 02-24', () => {
    const start = new Date('2026-02-13T16:00:00Z');
    expect(start).toEqual(at('2026-02-14 00:00'));
    expect(calendar.addWorkingDays(start, 1)).toEqual(endOf('2026-02-24'));
    // One millisecond earlier it is still Friday in Shanghai.
    expect(calendar.addWorkingDays(new Date(start.getTime() - 1), 1)).toEqual(endOf('2026-02-14'));
  });

  it('a start on a holiday (2026-10-03) counts from the next day: 1 working day ends with Thu 2026-10-08', () => {
    expect(calendar.addWorkingDays(at('2026-10-03 10:00'), 1)).toEqual(endOf('2026-10-08'));
    expect(calendar.addWorkingDays(at('2026-10-03 10:00'), 2)).toEqual(endOf('2026-10-09'));
  });

  it('0 working days ends the start day if it is a working day (2026-09-30), else the next working day (2026-10-03 -> 10-08)', () => {
    expect(calendar.addWorkingDays(at('2026-09-30 15:00'), 0)).toEqual(endOf('2026-09-30'));
    expect(calendar.addWorkingDays(at('2026-10-03 10:00'), 0)).toEqual(endOf('2026-10-08'));
  });

  it('rejects a working-day count that is not a non-negative integer, and an invalid start', () => {
    for (const n of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => calendar.addWorkingDays(at('2026-03-12 09:00'), n)).toThrow(RangeError);
    }
    expect(() => calendar.addWorkingDays(new Date(Number.NaN), 1)).toThrow(RangeError);
  });

  it('handles 1000 working days (about four years) quickly and consistently', () => {
    const start = at('2026-01-05 09:00');
    const startedAt = performance.now();
    const deadline = new WorkingCalendar().addWorkingDays(start, 1000);
    expect(performance.now() - startedAt).toBeLessThan(500);
    expect(calendar.workingDaysBetween(start, new Date(deadline.getTime() - 1))).toBe(1000);
  });

  it('names the next working day after the Spring Festival and National Day breaks', () => {
    expect(calendar.nextWorkingDay('2026-02-14')).toBe('2026-02-24');
    expect(calendar.nextWorkingDay('2026-09-30')).toBe('2026-10-08');
    expect(calendar.nextWorkingDay('2026-10-09')).toBe('2026-10-10');
  });

  it('describes a day with its source and, from chinese-days, the festival name', () => {
    expect(calendar.dayInfo('2026-02-16')).toEqual({ date: '2026-02-16', working: false, source: 'base', name: '春节' });
    expect(calendar.dayInfo('2026-02-28')).toEqual({ date: '2026-02-28', working: true, source: 'base', name: '春节' });
    expect(calendar.dayInfo('2026-10-01')).toEqual({ date: '2026-10-01', working: false, source: 'base', name: '国庆节' });
    expect(calendar.dayInfo('2026-03-14')).toEqual({ date: '2026-03-14', working: false, source: 'base' });
    expect(calendar.dayInfo('2026-03-10')).toEqual({ date: '2026-03-10', working: true, source: 'base' });
    expect(Object.isFrozen(calendar.dayInfo('2026-03-10'))).toBe(true);
  });

  it('lists days for a year view: 2026 has 248 working days (261 weekdays − 19 weekday holidays + 6 make-up days)', () => {
    const working = calendar.workingDaysOfYear(2026);
    expect(working).toHaveLength(248);
    expect(working.every((info) => info.working && info.date.startsWith('2026-'))).toBe(true);
    expect(working[0]?.date).toBe('2026-01-04');
    expect(calendar.listDays('2026-02-13', '2026-02-24').map((info) => info.working)).toEqual([
      true, true, false, false, false, false, false, false, false, false, false, true,
    ]);
    expect(calendar.listDays('2026-01-01', '2026-12-31')).toHaveLength(365);
    expect(calendar.listDays('2026-02-24', '2026-02-13')).toEqual([]);
  });
});

describe('chinese-days coverage', () => {
  it(`holds the official arrangement for exactly ${CHINESE_DAYS_COVERAGE.firstYear}–${CHINESE_DAYS_COVERAGE.lastYear}`, () => {
    const { firstYear, lastYear } = CHINESE_DAYS_COVERAGE;
    // National Day (10-01) is always off; outside the data the package falls back to Monday–Friday.
    expect(chineseDaysIsWorkday(`${firstYear}-10-01`)).toBe(false);
    expect(chineseDaysIsWorkday(`${lastYear}-10-01`)).toBe(false);
    expect(dayOfWeek(`${firstYear - 1}-10-01`)).toBe(3);
    expect(chineseDaysIsWorkday(`${firstYear - 1}-10-01`)).toBe(true);
    expect(dayOfWeek(`${lastYear + 1}-10-01`)).toBe(5);
    expect(chineseDaysIsWorkday(`${lastYear + 1}-10-01`)).toBe(true);
    // New Year's Day 2027 is a Friday and, without an override, counts as a working day.
    expect(calendar.isWorkingDay('2027-01-01')).toBe(true);
  });

  // chinese-days' own functions are only right on hosts at or east of UTC (see chineseDaysBase).
  it.skipIf(new Date(2026, 0, 1).getTimezoneOffset() > 0)(
    'agrees with chinese-days isWorkday for every day of 2003–2027',
    () => {
      const mismatches: string[] = [];
      for (let day = Date.UTC(2003, 0, 1); day <= Date.UTC(2027, 11, 31); day += 86_400_000) {
        const date = new Date(day).toISOString().slice(0, 10);
        if (chineseDaysIsWorkday(date) !== chineseDays.isWorkday(date)) mismatches.push(date);
      }
      expect(mismatches).toEqual([]);
    },
  );

  it('answers for the requested date whatever the host time zone', () => {
    const saved = process.env.TZ;
    try {
      for (const tz of ['America/Los_Angeles', 'Pacific/Kiritimati', 'UTC']) {
        process.env.TZ = tz;
        expect(chineseDaysIsWorkday('2026-02-14')).toBe(true);
        expect(chineseDaysIsWorkday('2026-02-15')).toBe(false);
        expect(chineseDaysIsWorkday('2026-02-23')).toBe(false);
        expect(new WorkingCalendar().dayInfo('2026-02-28').working).toBe(true);
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe('override layers (national → province → city)', () => {
  const localHoliday: DayOverride[] = [{ date: '2026-11-23', kind: 'holiday', name: '地方节日' }];
  const cityBackToWork: DayOverride[] = [{ date: '2026-11-23', kind: 'workday' }];

  it('a region marking Mon 2026-11-23 as a local holiday shifts a 1-working-day deadline from Fri 11-20 to Tue 11-24', () => {
    const start = at('2026-11-20 10:00');
    expect(calendar.addWorkingDays(start, 1)).toEqual(endOf('2026-11-23'));
    const regional = new WorkingCalendar({ overrides: [[], localHoliday] });
    expect(regional.addWorkingDays(start, 1)).toEqual(endOf('2026-11-24'));
    expect(regional.dayInfo('2026-11-23')).toEqual({
      date: '2026-11-23', working: false, source: 'override', name: '地方节日',
    });
  });

  it('a later layer re-marking 2026-11-23 as a workday wins', () => {
    const city = new WorkingCalendar({ overrides: [localHoliday, cityBackToWork] });
    expect(city.isWorkingDay('2026-11-23')).toBe(true);
    expect(city.dayInfo('2026-11-23')).toEqual({ date: '2026-11-23', working: true, source: 'override' });
    expect(city.addWorkingDays(at('2026-11-20 10:00'), 1)).toEqual(endOf('2026-11-23'));
    // Order matters: the same layers reversed leave the holiday in force.
    const reversed = new WorkingCalendar({ overrides: [cityBackToWork, localHoliday] });
    expect(reversed.isWorkingDay('2026-11-23')).toBe(false);
  });

  it('supplies a year chinese-days does not cover (2031): New Year holiday Wed 01-01, make-up Saturday 01-04', () => {
    const national = new WorkingCalendar({
      overrides: [[
        { date: '2031-01-01', kind: 'holiday', name: '元旦' },
        { date: '2031-01-04', kind: 'workday', name: '元旦' },
      ]],
    });
    expect(calendar.isWorkingDay('2031-01-01')).toBe(true);
    expect(national.isWorkingDay('2031-01-01')).toBe(false);
    expect(national.isWorkingDay('2031-01-04')).toBe(true);
    // From Tue 2030-12-31: 01-02 Thu, 01-03 Fri, 01-04 make-up Sat.
    expect(national.addWorkingDays(at('2030-12-31 09:00'), 3)).toEqual(endOf('2031-01-04'));
    expect(calendar.addWorkingDays(at('2030-12-31 09:00'), 3)).toEqual(endOf('2031-01-03'));
  });

  it('can also override a day chinese-days already knows (Spring Festival make-up day 2026-02-14 off locally)', () => {
    const local = new WorkingCalendar({ overrides: [[{ date: '2026-02-14', kind: 'holiday' }]] });
    expect(local.addWorkingDays(at('2026-02-13 10:00'), 1)).toEqual(endOf('2026-02-24'));
  });

  it('is not affected by later changes to the override arrays passed in', () => {
    const layer: DayOverride[] = [{ date: '2026-11-23', kind: 'holiday' }];
    const regional = new WorkingCalendar({ overrides: [layer] });
    layer[0]!.kind = 'workday';
    layer.push({ date: '2026-11-24', kind: 'holiday' });
    expect(regional.isWorkingDay('2026-11-23')).toBe(false);
    expect(regional.isWorkingDay('2026-11-24')).toBe(true);
  });

  it('rejects bad overrides with a RangeError naming the date', () => {
    const make = (overrides: unknown) => () => new WorkingCalendar({ overrides: overrides as DayOverride[][] });
    expect(make([[{ date: '2026-02-30', kind: 'holiday' }]])).toThrow(RangeError);
    expect(make([[{ date: '2026-02-30', kind: 'holiday' }]])).toThrow(/2026-02-30/);
    expect(make([[{ date: '2026/11/23', kind: 'holiday' }]])).toThrow(/2026\/11\/23/);
    expect(make([[{ date: '2026-11-23', kind: 'off' }]])).toThrow(/2026-11-23/);
    expect(make([[{ kind: 'holiday' }]])).toThrow(RangeError);
    expect(make([[{ date: '2026-11-23', kind: 'holiday' }, { date: '2026-11-23', kind: 'workday' }]])).toThrow(
      /2026-11-23/,
    );
    expect(make([{ date: '2026-11-23', kind: 'holiday' }])).toThrow(RangeError);
  });

  it('uses a custom base rule when given one, and fails loudly rather than looping when no day is working', () => {
    const mondayToFriday = new WorkingCalendar({ base: (date) => dayOfWeek(date) >= 1 && dayOfWeek(date) <= 5 });
    expect(mondayToFriday.isWorkingDay('2026-10-01')).toBe(true);
    expect(mondayToFriday.dayInfo('2026-10-01')).toEqual({ date: '2026-10-01', working: true, source: 'base' });
    const never = new WorkingCalendar({ base: () => false });
    expect(() => never.addWorkingDays(at('2026-03-12 09:00'), 1)).toThrow(/No working day/);
  });
});

describe('deadline status', () => {
  const deadline = calendar.addWorkingDays(at('2026-02-13 10:00'), 5); // end of Fri 2026-02-27

  it('counts working days left after today, 0 on the last day', () => {
    expect(calendar.remainingWorkingDays(deadline, at('2026-02-13 10:00'))).toBe(5);
    expect(calendar.remainingWorkingDays(deadline, at('2026-02-16 10:00'))).toBe(4); // holiday: 24..27 left
    expect(calendar.remainingWorkingDays(deadline, at('2026-02-26 18:00'))).toBe(1);
    expect(calendar.remainingWorkingDays(deadline, at('2026-02-27 23:59'))).toBe(0);
    expect(calendar.isPastDeadline(deadline, at('2026-02-27 23:59'))).toBe(false);
  });

  it('is overdue from the deadline instant on; a day off counts as the next working day', () => {
    expect(calendar.isPastDeadline(deadline, deadline)).toBe(true);
    // Sat 02-28 is a make-up working day, so at 00:00 it is already 1 working day late.
    expect(calendar.remainingWorkingDays(deadline, at('2026-02-28 00:00'))).toBe(-1);
    // Sun 03-01 is off and counts as Mon 03-02: still 2 working days late, as on Monday.
    expect(calendar.remainingWorkingDays(deadline, at('2026-03-01 12:00'))).toBe(-2);
    expect(calendar.remainingWorkingDays(deadline, at('2026-03-02 12:00'))).toBe(-2);
    expect(calendar.remainingWorkingDays(deadline, at('2026-03-03 12:00'))).toBe(-3);
  });

  it('counts working days between instants by Shanghai date', () => {
    expect(calendar.workingDaysBetween(at('2026-02-13 10:00'), at('2026-02-27 09:00'))).toBe(5);
    expect(calendar.workingDaysBetween(at('2026-02-13 10:00'), at('2026-02-13 23:00'))).toBe(0);
    expect(calendar.workingDaysBetween(at('2026-02-27 09:00'), at('2026-02-13 10:00'))).toBe(0);
    expect(calendar.workingDaysBetween(at('2026-09-30 15:00'), at('2026-10-08 08:00'))).toBe(1);
  });
});

describe('properties over random starts in 2024–2027', () => {
  const DAY = 86_400_000;
  const SHANGHAI_OFFSET = 8 * 3_600_000;
  const instant = fc.date({
    min: at('2024-01-01 00:00'),
    max: new Date(at('2028-01-01 00:00').getTime() - 1),
    noInvalidDate: true,
  });
  const count = fc.integer({ min: 0, max: 60 });

  it('the deadline is always at a Shanghai midnight, after the start', () => {
    fc.assert(
      fc.property(instant, count, (start, n) => {
        const deadline = calendar.addWorkingDays(start, n);
        expect((deadline.getTime() + SHANGHAI_OFFSET) % DAY).toBe(0);
        expect(deadline.getTime()).toBeGreaterThan(start.getTime());
      }),
    );
  });

  it('the deadline is monotone in n, strictly from n = 1', () => {
    fc.assert(
      fc.property(instant, count, (start, n) => {
        const current = calendar.addWorkingDays(start, n).getTime();
        const next = calendar.addWorkingDays(start, n + 1).getTime();
        if (n >= 1) expect(next).toBeGreaterThan(current);
        else expect(next).toBeGreaterThanOrEqual(current);
      }),
    );
  });

  it('workingDaysBetween undoes addWorkingDays for n ≥ 1', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 60 }), (start, n) => {
        const deadline = calendar.addWorkingDays(start, n);
        expect(calendar.workingDaysBetween(start, new Date(deadline.getTime() - 1))).toBe(n);
        expect(calendar.workingDaysBetween(start, deadline)).toBe(n + (calendar.isWorkingDay(shanghaiDateOf(deadline)) ? 1 : 0));
      }),
    );
  });

  it('the deadline day (the day before the returned midnight) is a working day, after the start date for n ≥ 1', () => {
    fc.assert(
      fc.property(instant, count, (start, n) => {
        const lastDay = shanghaiDateOf(new Date(calendar.addWorkingDays(start, n).getTime() - 1));
        expect(calendar.isWorkingDay(lastDay)).toBe(true);
        if (n >= 1) expect(lastDay > shanghaiDateOf(start)).toBe(true);
        else expect(lastDay >= shanghaiDateOf(start)).toBe(true);
      }),
    );
  });

  it('isPastDeadline agrees with the sign of remainingWorkingDays, which starts at n', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 60 }), instant, (start, n, now) => {
        const deadline = calendar.addWorkingDays(start, n);
        expect(calendar.remainingWorkingDays(deadline, start)).toBe(n);
        const remaining = calendar.remainingWorkingDays(deadline, now);
        expect(calendar.isPastDeadline(deadline, now)).toBe(remaining < 0);
        expect(calendar.isPastDeadline(deadline, now)).toBe(now.getTime() >= deadline.getTime());
        expect(calendar.remainingWorkingDays(deadline, new Date(deadline.getTime() - 1))).toBe(0);
        expect(calendar.remainingWorkingDays(deadline, deadline)).toBeLessThan(0);
      }),
    );
  });
});
