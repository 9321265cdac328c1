import { WorkingCalendar } from '@hcp/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { demoCase, seedDemo, type DemoSummary, type DemoUnit } from './demo.ts';
import { Random } from './random.ts';

const NOW = new Date('2026-11-20T08:00:00Z');

describe('demo county', () => {
  let ta: TestApp;
  let summary: DemoSummary;
  beforeAll(async () => {
    ta = await createTestApp();
    summary = await seedDemo(ta.c, { cases: 60, seed: 7, now: NOW });
  });
  afterAll(() => ta.close());

  it('builds 灵武市 from real division data with the halls, units, staff and items of seed 002', async () => {
    expect(summary).toMatchObject({ regions: 115, organisations: 126, items: 350, cases: 60 });
    const towns = await ta.c.repos.regions.list({ parentCode: '640181000000', limit: 50, offset: 0 });
    expect(towns.map((t) => t.name)).toContain('东塔镇');
    const halls = await ta.c.db.selectFrom('organisations').select('name').where('kind', '=', 'hall').orderBy('name').execute();
    expect(halls.map((h) => h.name)).toEqual(['灵武市政务服务中心A厅', '灵武市政务服务中心B厅', '灵武市政务服务中心C厅']);
    const stations = await ta.c.db.selectFrom('organisations').select('id').where('kind', '=', 'station').execute();
    expect(stations).toHaveLength(8);
  });

  it('makes cases that are valid, in the past, and mostly completed within their promise', async () => {
    const cases = await ta.c.db.selectFrom('cases').selectAll().execute();
    expect(cases).toHaveLength(60);
    expect(cases.every((c) => c.stage_at.getTime() <= NOW.getTime())).toBe(true);
    const completed = cases.filter((c) => c.completed_at);
    expect(completed.length).toBeGreaterThan(40);
    const late = completed.filter((c) => c.promised_deadline && c.completed_at! > c.promised_deadline);
    expect(late.length).toBeLessThan(completed.length / 4);
    expect(cases.every((c) => c.applicant_phone_enc && !c.applicant_phone_enc.includes(c.applicant_phone_masked!.slice(-4)))).toBe(true);
  });

  it('rates most completed cases on the hall’s channels, mostly well, and gives the rest their default', async () => {
    expect(summary.evaluations.active).toBeGreaterThan(20);
    const rows = await ta.c.db.selectFrom('evaluations').select(['kind', 'channel', 'level', 'bad', 'tags', 'submitted_at']).execute();
    expect(rows.filter((e) => e.kind === 'default')).toHaveLength(summary.evaluations.default);
    expect(rows.every((e) => e.submitted_at.getTime() <= NOW.getTime())).toBe(true);
    expect(rows.filter((e) => e.bad).every((e) => e.tags.length > 0)).toBe(true);
    expect(new Set(rows.map((e) => e.channel)).size).toBeGreaterThan(3);
  });

  it('refuses to seed the same county twice', async () => {
    await expect(seedDemo(ta.c, { cases: 1, seed: 7, now: NOW })).rejects.toThrow(/already/);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const units: DemoUnit[] = [
      { code: 'A', regionCode: '640181000000', windows: [1, 2], staff: [{ id: 1, windowId: 1 }, { id: 2, windowId: 2 }], items: [{ code: 'I1', days: 5 }, { code: 'I2', days: 0 }] },
      { code: 'B', regionCode: '640181000000', windows: [], staff: [{ id: 3, windowId: null }], items: [{ code: 'I3', days: 20 }] },
    ];
    const calendar = new WorkingCalendar();
    const run = (seed: number) => {
      const r = new Random(seed);
      return Array.from({ length: 50 }, (_, i) => demoCase(r, i, units, calendar, NOW));
    };
    expect(run(42)).toEqual(run(42));
    expect(run(42)).not.toEqual(run(43));
  });
});
