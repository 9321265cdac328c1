import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csv, multipartFile } from '../../../test/multipart.ts';
import { createTestApp, loginAs, seedRegions, type TestApp } from '../../../test/test-app.ts';

/** 2027 is past the bundled official calendar: without an import it is Monday–Friday only. */
const NATIONAL_DAY_2027 = csv([
  ['date', 'type', 'name'],
  ...['01', '02', '03', '04', '05', '06', '07'].map((d) => [`2027-10-${d}`, '休', '国庆节']),
  ['2027-10-09', '班', '国庆节补班'],
]);

const ICS_2028 = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//holiday feed//CN',
  'BEGIN:VEVENT',
  'UID:2028-newyear@feed',
  'DTSTART;VALUE=DATE:20280101',
  'DTEND;VALUE=DATE:20280104',
  'SUMMARY:元旦 假期',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:2028-makeup@feed',
  'DTSTART;VALUE=DATE:20280108',
  'SUMMARY:元旦 补班',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

describe('importing a year’s holiday arrangement into the calendar', () => {
  let ta: TestApp;
  let admin: string;
  let lingwu: string;
  beforeAll(async () => {
    ta = await createTestApp();
    await seedRegions(ta);
    admin = (await loginAs(ta, 'admin', 'sysadmin')).cookie;
    lingwu = (await loginAs(ta, 'lw.sup', 'supervisor', { scopeRegionCode: '640181000000' })).cookie;
  });
  afterAll(() => ta.close());

  const send = (cookie: string, url: string, filename: string, content: string) => {
    const body = multipartFile(filename, content, { contentType: filename.endsWith('.ics') ? 'text/calendar' : 'text/csv' });
    return ta.app.inject({ method: 'POST', url, headers: { cookie, ...body.headers }, payload: body.payload });
  };
  const deadline = (region: string, from: string, days: number) =>
    ta.app.inject({ method: 'GET', url: `/api/calendar/${region}/deadline?from=${encodeURIComponent(from)}&days=${days}`, headers: { cookie: lingwu } });
  const versions = async (region: string) => (await ta.app.inject({ method: 'GET', url: `/api/calendar/${region}/versions`, headers: { cookie: admin } })).json().items;

  it('rejects a bad file with every problem at its row and field, and applies nothing', async () => {
    const bad = csv([
      ['date', 'type', 'name'],
      ['2027-10-01', '休', '国庆节'],
      ['2026-10-02', '休', '国庆节'],
      ['2027-10-01', '休', '国庆节'],
      ['2027-02-30', '休', ''],
      ['2027-10-09', '上午', ''],
    ]);
    for (const url of ['/api/calendar/640181/imports/preview?year=2027', '/api/calendar/640181/imports?year=2027']) {
      const res = await send(lingwu, url, 'bad.csv', bad);
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe('IMPORT_FAILED');
      expect(res.json().error.details).toEqual([
        { row: 3, column: 'date', reason: '2026-10-02 is not in 2027' },
        { row: 4, column: 'date', reason: '2027-10-01 appears twice (first at row 2)' },
        { row: 5, column: 'date', reason: 'must be a date YYYY-MM-DD' },
        { row: 6, column: 'type', reason: 'must be 休 or 班 (holiday or workday)' },
      ]);
    }
    expect((await send(lingwu, '/api/calendar/640181/imports?year=2027', 'plan.txt', 'x')).statusCode).toBe(415);
    expect((await send(lingwu, '/api/calendar/640181/imports?year=2027', 'head.csv', 'day,kind\n2027-10-01,休\n')).json().error.field).toBe('file');
    expect(await versions('640181')).toEqual([]);
  });

  it('previews the days a file changes, applies it once as one audited version, and deadlines count across it', async () => {
    expect((await deadline('640181', '2027-09-30T02:00:00Z', 2)).json().deadline).toBe('2027-10-04T16:00:00.000Z');
    const preview = await send(lingwu, '/api/calendar/640181/imports/preview?year=2027', 'national-day.csv', NATIONAL_DAY_2027);
    expect(preview.statusCode).toBe(200);
    const p = preview.json();
    expect(p).toMatchObject({ year: 2027, format: 'csv', days: 8, holidays: 7, workdays: 1, baseVersion: 0, writes: 8 });
    expect(p.changes[0]).toEqual({ date: '2027-10-01', before: { working: true, name: null }, after: { working: false, name: '国庆节' } });
    expect(p.changes.find((c: { date: string }) => c.date === '2027-10-09')).toEqual({ date: '2027-10-09', before: { working: false, name: null }, after: { working: true, name: '国庆节补班' } });
    expect(p.changes).toHaveLength(8);
    expect(await versions('640181')).toEqual([]);

    const applied = await send(lingwu, `/api/calendar/640181/imports?year=2027&baseVersion=${p.baseVersion}`, 'national-day.csv', NATIONAL_DAY_2027);
    expect(applied.statusCode).toBe(201);
    expect(applied.json()).toEqual({ applied: true, version: 1, days: 8, changes: 8 });
    // Thu 30 Sep: Oct 1–7 off, Fri 8th is one, Sat 9th (补班) two.
    expect((await deadline('640181', '2027-09-30T02:00:00Z', 2)).json().deadline).toBe('2027-10-09T16:00:00.000Z');
    const again = await send(lingwu, '/api/calendar/640181/imports?year=2027', 'national-day.csv', NATIONAL_DAY_2027);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ applied: false, version: 1, days: 0, changes: 0 });
    expect((await versions('640181')).map((v: { version: number }) => v.version)).toEqual([1]);
    const audit = await ta.c.repos.audit.list({ limit: 5, targetType: 'calendar', targetId: '640181000000' });
    expect(audit.map((a) => [a.action, (a.detail as { version: number }).version])).toEqual([['calendar.import', 1]]);
  });

  it('a corrected file replaces the region’s own days of that year; a stale preview is a conflict', async () => {
    const corrected = csv([['date', 'type', 'name'], ...['01', '02', '03', '04', '05'].map((d) => [`2027-10-${d}`, '休', '国庆节'])]);
    const stale = await send(lingwu, '/api/calendar/640181/imports?year=2027&baseVersion=0', 'corrected.csv', corrected);
    expect(stale.statusCode).toBe(409);
    const p = (await send(lingwu, '/api/calendar/640181/imports/preview?year=2027', 'corrected.csv', corrected)).json();
    expect(p.changes.map((c: { date: string }) => c.date)).toEqual(['2027-10-06', '2027-10-07', '2027-10-09']);
    const applied = await send(lingwu, `/api/calendar/640181/imports?year=2027&baseVersion=${p.baseVersion}`, 'corrected.csv', corrected);
    expect(applied.json()).toEqual({ applied: true, version: 2, days: 3, changes: 3 });
    const year = (await ta.app.inject({ method: 'GET', url: '/api/calendar/640181/days?year=2027', headers: { cookie: lingwu } })).json();
    const day = (d: string) => year.days.find((x: { date: string }) => x.date === d);
    expect([day('2027-10-05').working, day('2027-10-06').working, day('2027-10-09').working]).toEqual([false, true, false]);
  });

  it('reads an iCalendar feed for the national layer (system administrator only)', async () => {
    expect((await send(lingwu, '/api/calendar/national/imports/preview?year=2028', 'cn.ics', ICS_2028)).statusCode).toBe(403);
    const applied = await send(admin, '/api/calendar/national/imports?year=2028', 'cn.ics', ICS_2028);
    expect(applied.statusCode).toBe(201);
    const year = (await ta.app.inject({ method: 'GET', url: '/api/calendar/640181/days?year=2028', headers: { cookie: lingwu } })).json();
    expect(year.official).toBe(true);
    expect(year.days.slice(0, 3).map((d: { working: boolean; name?: string }) => [d.working, d.name])).toEqual([[false, '元旦'], [false, '元旦'], [false, '元旦']]);
    expect(year.days[7]).toMatchObject({ date: '2028-01-08', working: true, name: '元旦' });
    const broken = ICS_2028.replace('DTSTART;VALUE=DATE:20280108', 'DTSTART:20280108T090000');
    const res = await send(admin, '/api/calendar/national/imports/preview?year=2028', 'cn.ics', broken);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details).toEqual([{ row: 12, column: 'DTSTART', reason: 'must be an all-day date (DTSTART;VALUE=DATE:YYYYMMDD)' }]);
  });

  it('refuses other counties and roles without calendar.write, and offers a template', async () => {
    expect((await send(lingwu, '/api/calendar/110101/imports?year=2027', 'x.csv', NATIONAL_DAY_2027)).json().error.code).toBe('OUT_OF_SCOPE');
    const clerk = (await loginAs(ta, 'lw.clerk', 'clerk', { scopeRegionCode: '640181000000' })).cookie;
    expect((await send(clerk, '/api/calendar/640181/imports?year=2027', 'x.csv', NATIONAL_DAY_2027)).statusCode).toBe(403);
    const template = await ta.app.inject({ method: 'GET', url: '/api/calendar/import-template?year=2029', headers: { cookie: clerk } });
    expect(template.headers['content-type']).toContain('text/csv');
    expect(template.body).toBe('\uFEFFdate,type,name\r\n2029-01-01,休,元旦\r\n');
  });
});
