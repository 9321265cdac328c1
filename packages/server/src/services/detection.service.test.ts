import { DEFAULT_DETECTION_POLICY, NATIONAL_DEFAULT_POLICY } from '@hcp/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRatings, insertRatings, seedDetectionWorld, type DetectionWorld, type GeneratedRating, type Pattern } from '../../test/detection-fixtures.ts';
import { createTestApp, system, type TestApp } from '../../test/test-app.ts';
import { createJobHandlers, schedules } from '../jobs/handlers.ts';
import { systemCtx } from './actor.ts';

/** When the scans below run: after every generated rating has settled. */
const NOW = new Date('2026-11-20T00:00:00Z');

/** A digest of every stored rating, to show the scan changes none. */
const ratingsDigest = (ta: TestApp) =>
  sql<{ n: number; digest: string }>`select count(*) as n, md5(string_agg(e::text, '|' order by e.id)) as digest from evaluations e`.execute(ta.t.db).then((r) => r.rows[0]!);

const flaggedBy = async (ta: TestApp) => {
  const rows = await ta.t.db.selectFrom('rating_flag_items').select(['evaluation_id', 'detector']).execute();
  const map = new Map<number, Set<string>>();
  for (const r of rows) map.set(r.evaluation_id, (map.get(r.evaluation_id) ?? new Set()).add(r.detector));
  return map;
};

describe('manipulation detection on a month of generated ratings with injected patterns', () => {
  let ta: TestApp;
  let w: DetectionWorld;
  let generated: GeneratedRating[];
  let ids: Map<string, number>;
  beforeAll(async () => {
    ta = await createTestApp();
    w = await seedDetectionWorld(ta);
    generated = generateRatings();
    ids = await insertRatings(ta, w, generated);
  }, 120_000);
  afterAll(() => ta.close());

  it('catches the injected ratings and flags few clean ones (recall and false positives printed)', async () => {
    const before = await ratingsDigest(ta);
    const result = await ta.c.services.detection.scan(systemCtx('test'), NOW, 500);
    expect(result.scanned).toBe(generated.length);
    expect(result.active).toBe(generated.filter((g) => g.channel !== 'default').length);

    const flagged = await flaggedBy(ta);
    const active = generated.filter((g) => g.channel !== 'default');
    const injected = active.filter((g) => g.pattern !== null);
    const clean = active.filter((g) => g.pattern === null);
    const caught = injected.filter((g) => flagged.has(ids.get(g.caseNo)!));
    const falsePositives = clean.filter((g) => flagged.has(ids.get(g.caseNo)!));
    const recall = caught.length / injected.length;
    const fpRate = falsePositives.length / clean.length;
    const perPattern = [...new Set(injected.map((g) => g.pattern!))].map((p) => {
      const of = injected.filter((g) => g.pattern === p);
      // Caught by the detector meant for the pattern, not just by any.
      const byOwn = of.filter((g) => flagged.get(ids.get(g.caseNo)!)?.has(p)).length;
      return { pattern: p as Pattern, injected: of.length, caughtByOwnDetector: byOwn };
    });
    const fpBy = new Map<string, number>();
    for (const g of falsePositives) for (const d of flagged.get(ids.get(g.caseNo)!)!) fpBy.set(d, (fpBy.get(d) ?? 0) + 1);
    console.log(
      [
        `detection: ${active.length} active ratings, ${injected.length} injected, ${clean.length} clean`,
        `  caught ${caught.length} of ${injected.length} injected: recall ${recall.toFixed(3)}`,
        `  flagged ${falsePositives.length} of ${clean.length} clean: false-positive rate ${fpRate.toFixed(4)} ${JSON.stringify(Object.fromEntries(fpBy))}`,
        ...perPattern.map((p) => `  ${p.pattern}: ${p.caughtByOwnDetector}/${p.injected} by its own detector`),
      ].join('\n'),
    );
    expect(recall).toBeGreaterThanOrEqual(0.9);
    expect(fpRate).toBeLessThanOrEqual(0.02);
    for (const p of perPattern) expect(p.caughtByOwnDetector / p.injected, p.pattern).toBeGreaterThanOrEqual(0.8);
    expect(perPattern.map((p) => p.pattern).sort()).toEqual(['burst_device', 'burst_ip', 'burst_phone', 'fast_device', 'identical_text', 'level_skew', 'self_rating']);

    // Nothing stored about a rating changed, nothing was deleted.
    expect(await ratingsDigest(ta)).toEqual(before);
  });

  it('each flag holds one unit’s ratings with a reason and score; a rating is in at most one flag per detector', async () => {
    const flags = await ta.t.db.selectFrom('rating_flags').selectAll().execute();
    expect(flags.length).toBeGreaterThan(0);
    for (const f of flags) {
      expect(f.status).toBe('pending');
      expect(f.reason.zh.length).toBeGreaterThan(5);
      expect(f.reason.en.length).toBeGreaterThan(5);
      expect(f.score).toBeGreaterThanOrEqual(1);
      const units = await ta.t.db.selectFrom('rating_flag_items as i').innerJoin('evaluations as e', 'e.id', 'i.evaluation_id').select('e.unit_id').distinct().where('i.flag_id', '=', f.id).execute();
      expect(units.map((u) => u.unit_id)).toEqual([f.unit_id]);
      const n = await ta.t.db.selectFrom('rating_flag_items').select(sql<number>`count(*)`.as('n')).where('flag_id', '=', f.id).executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(f.rating_count);
    }
    const self = flags.filter((f) => f.detector === 'self_rating').map((f) => f.subject).sort();
    expect(self).toEqual([`staff:${w.staffIds[18]}`, `staff:${w.staffIds[20]}`].sort());
    const skew = flags.filter((f) => f.detector === 'level_skew');
    expect(skew.map((f) => f.subject)).toEqual([`window:${w.windowIds[7]}:level:1`]);
    // Personal data never appears in a flag: not the phones, not their blind indexes.
    const text = JSON.stringify(flags);
    expect(text).not.toContain('13811112222');
    expect(text).not.toContain(ta.c.cipher.blindIndex('phone', '13811112222'));
  });

  it('a second scan finds nothing new; the watermark stands at the last rating', async () => {
    const items = await ta.t.db.selectFrom('rating_flag_items').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    const again = await ta.c.services.detection.scan(systemCtx('test'), NOW, 500);
    expect(again).toMatchObject({ scanned: 0, flagsOpened: 0, ratingsFlagged: 0 });
    expect(await ta.t.db.selectFrom('rating_flag_items').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).toEqual(items);
    expect(await ta.c.repos.detection.scannedTo()).toBe(Math.max(...ids.values()));
  });

  it('ratings arriving later join the pending flag of their pattern instead of opening another', async () => {
    const last = generated.filter((g) => g.pattern === 'burst_phone').at(-1)!;
    const more: GeneratedRating[] = [1, 2].map((i) => ({ ...last, caseNo: `DT-LATE-${i}`, at: new Date(last.at.getTime() + i * 60_000) }));
    const later = await insertRatings(ta, w, more);
    const flagBefore = await ta.t.db.selectFrom('rating_flags').selectAll().where('detector', '=', 'burst_phone').execute();
    const result = await ta.c.services.detection.scan(systemCtx('test'), NOW, 500);
    expect(result).toMatchObject({ scanned: 2, flagsOpened: 0 });
    const flagAfter = await ta.t.db.selectFrom('rating_flags').selectAll().where('detector', '=', 'burst_phone').execute();
    expect(flagAfter.length).toBe(flagBefore.length);
    expect(flagAfter.reduce((s, f) => s + f.rating_count, 0)).toBe(flagBefore.reduce((s, f) => s + f.rating_count, 0) + 2);
    const flagged = await flaggedBy(ta);
    for (const id of later.values()) expect(flagged.get(id)).toContain('burst_phone');
  });

  it('leaves settling ratings for the next scan and only the system runs it', async () => {
    const recent: GeneratedRating = { ...generated[0]!, caseNo: 'DT-RECENT', pattern: null, at: new Date(NOW.getTime() - 30_000) };
    await insertRatings(ta, w, [recent]);
    expect((await ta.c.services.detection.scan(systemCtx('test'), NOW, 500)).scanned).toBe(0);
    expect((await ta.c.services.detection.scan(systemCtx('test'), new Date(NOW.getTime() + 5 * 60_000), 500)).scanned).toBe(1);
    const user = { actor: { kind: 'user' as const, userId: 1, username: 'x', role: 'sysadmin' as const, scope: { regionCode: null, orgPath: null }, staffId: null }, requestId: 'r' };
    await expect(ta.c.services.detection.scan(user, NOW)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('writes one audit record per batch and runs as the job detection.scan every 10 minutes', async () => {
    const audits = await ta.t.db.selectFrom('audit_log').select(['detail']).where('action', '=', 'detection.scan').execute();
    expect(audits.length).toBeGreaterThanOrEqual(Math.ceil(generated.length / 500));
    expect(schedules).toContainEqual({ name: 'detection-scan', kind: 'detection.scan', everySeconds: 600 });
    const handler = createJobHandlers(ta.c, { warn: () => undefined }).find((h) => h.kind === 'detection.scan');
    expect(handler).toBeDefined();
    await handler!.run({}, { jobId: 1, attempt: 1, maxAttempts: 5 });
  });
});

describe('detection follows the region’s policy', () => {
  let ta: TestApp;
  let w: DetectionWorld;
  beforeAll(async () => {
    ta = await createTestApp();
    w = await seedDetectionWorld(ta);
  }, 60_000);
  afterAll(() => ta.close());

  it('a detector the region switched off raises nothing; a higher threshold lets a small burst pass', async () => {
    const base = (await ta.c.services.evaluations.policyFor('640181000000')).policy;
    await ta.c.services.evaluationPolicies.save(system, '640181000000', { ...base, detection: { ...DEFAULT_DETECTION_POLICY, enabled: ['burst_phone', 'burst_device'], burstDeviceCount: 20 } }, '灵武市：只查手机号和评价器集中评价');
    const all = generateRatings(7);
    const chosen = all.filter((g) => g.pattern === 'burst_ip' || g.pattern === 'burst_phone' || g.pattern === 'burst_device' || g.pattern === 'self_rating');
    const ids = await insertRatings(ta, w, chosen);
    await ta.c.services.detection.scan(systemCtx('test'), NOW, 100);
    const detectors = (await ta.t.db.selectFrom('rating_flags').select('detector').distinct().execute()).map((r) => r.detector);
    expect(detectors).toEqual(['burst_phone']);
    expect(ids.size).toBe(chosen.length);
    expect(NATIONAL_DEFAULT_POLICY.detection.burstDeviceCount).toBe(6);
  });

  it('two scans at the same moment on two connections write each flag and each rating once', async () => {
    const all = generateRatings(11).filter((g) => g.pattern === 'burst_phone').map((g) => ({ ...g, caseNo: `${g.caseNo}-B`, phone: '13800001111' }));
    await insertRatings(ta, w, all);
    const other = ta.t.connectAgain();
    const { createContainer } = await import('../container.ts');
    const second = createContainer({ db: other, cipher: ta.c.cipher, auth: { sessionTtlMinutes: 60, loginMaxFailures: 3, loginLockMinutes: 15 } });
    const [a, b] = await Promise.all([ta.c.services.detection.scan(systemCtx('a'), NOW, 2), second.services.detection.scan(systemCtx('b'), NOW, 3)]);
    expect(a.scanned + b.scanned).toBe(all.length);
    const flags = await ta.t.db.selectFrom('rating_flags').selectAll().where('detector', '=', 'burst_phone').where('subject', 'like', `phone:${ta.c.cipher.blindIndex('phone', '13800001111').slice(0, 16)}%`).execute();
    // One flag per unit of the phone's ratings, none twice, every rating in exactly one.
    expect(flags.length).toBe(new Set(all.map((g) => g.unit)).size);
    expect(new Set(flags.map((f) => f.unit_id)).size).toBe(flags.length);
    expect(flags.reduce((s, f) => s + f.rating_count, 0)).toBe(all.length);
  });
});
