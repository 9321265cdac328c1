import { createHash } from 'node:crypto';
import {
  detectBursts,
  detectFastDevice,
  detectIdenticalTexts,
  detectSelfRatings,
  isFast,
  levelSkew,
  levelSkewFinding,
  normaliseText,
  type DetectionPolicy,
  type DetectorName,
  type EvaluationPolicy,
  type Finding,
  type Level,
  type LevelCounts,
} from '@hcp/domain';
import type { Database } from '../db/database.ts';
import type { RatingFlagStatus } from '../db/schema.ts';
import { AppError, conflict, invalid, notFound } from '../errors.ts';
import type { AuditRepository, Executor } from '../repositories/audit.repository.ts';
import type { DetectionRepository, FlagListFilter, RatingFact, SourceColumn } from '../repositories/detection.repository.ts';
import { auditActor, listScope, requireInScope, requirePermission, type Ctx } from './actor.ts';
import type { PolicyInForce } from './evaluation.service.ts';

/**
 * Ratings newer than this are left for the next scan: an evaluation's id is taken when its transaction
 * inserts it, so one with a lower id may still be committing while a higher one is visible.
 */
export const SETTLE_SECONDS = 120;

const DAY = 86_400_000;

export interface ScanResult {
  /** Ratings the watermark moved past (default ratings included), active ratings looked at, and what came of it. */
  scanned: number;
  active: number;
  findings: number;
  flagsOpened: number;
  flagsGrown: number;
  ratingsFlagged: number;
  scannedTo: number;
}

export type ReviewDecision = 'confirm' | 'dismiss';
const STATUS_OF: Record<ReviewDecision, Exclude<RatingFlagStatus, 'pending'>> = { confirm: 'confirmed', dismiss: 'dismissed' };

/** The fingerprint a normalised text is stored and looked up under. */
export const textFingerprint = (normal: string) => createHash('sha256').update(normal).digest('hex');

const unique = <T>(xs: readonly (T | null | undefined)[]) => [...new Set(xs.filter((x): x is T => x !== null && x !== undefined))];
const ms = (d: Date) => d.getTime();

/**
 * Detection of manipulated ratings (刷评 / 恶意评价) and the review queue. The scheduled scan reads
 * the ratings after its watermark in batches, runs the detectors of each rating's region policy on
 * them together with the stored ratings around them, and writes flags: one per detector, subject and
 * unit, each naming its ratings (a rating is in at most one flag per detector). Ratings are never
 * changed or deleted. Supervisors confirm or dismiss a flag with a reason; both are audited.
 */
export class DetectionService {
  constructor(
    private readonly db: Database,
    private readonly repo: DetectionRepository,
    private readonly policies: { policyFor(regionCode: string): Promise<PolicyInForce> },
    private readonly audit: AuditRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * One scan (the job detection.scan): every settled rating after the watermark, `batchSize` at a time;
   * each batch's flags, watermark and audit record commit together. Safe to run twice at once: a batch
   * another run has written is skipped.
   */
  async scan(ctx: Ctx, now = this.now(), batchSize = 500): Promise<ScanResult> {
    if (ctx.actor.kind !== 'system') throw new AppError('FORBIDDEN', 'the detection scan runs as the system job detection.scan');
    const settledBefore = ms(now) - SETTLE_SECONDS * 1000;
    const total: ScanResult = { scanned: 0, active: 0, findings: 0, flagsOpened: 0, flagsGrown: 0, ratingsFlagged: 0, scannedTo: 0 };
    const policyCache = new Map<string, Promise<PolicyInForce>>();
    const policyOf = (region: string) => {
      if (!policyCache.has(region)) policyCache.set(region, this.policies.policyFor(region));
      return policyCache.get(region)!;
    };
    for (;;) {
      const from = await this.repo.scannedTo();
      total.scannedTo = from;
      const rows = await this.repo.batch(from, batchSize);
      const cut = rows.findIndex((r) => ms(r.created_at) > settledBefore);
      const settled = cut === -1 ? rows : rows.slice(0, cut);
      if (settled.length === 0) break;
      const to = settled[settled.length - 1]!.id;
      const active = settled.filter((r) => r.kind === 'active');
      const { findings, known } = await this.detect(active, policyOf);
      const written = await this.db.transaction().execute(async (trx) => {
        if (!(await this.repo.advance(trx, from, to))) return undefined;
        const w = await this.writeFlags(trx, findings, known);
        await this.audit.append(trx, {
          ...auditActor(ctx),
          action: 'detection.scan',
          targetType: 'evaluation',
          targetId: to,
          detail: { fromId: from, toId: to, ratings: settled.length, active: active.length, findings: findings.length, ...w },
        });
        return w;
      });
      if (written) {
        total.scanned += settled.length;
        total.active += active.length;
        total.findings += findings.length;
        total.flagsOpened += written.flagsOpened;
        total.flagsGrown += written.flagsGrown;
        total.ratingsFlagged += written.ratingsFlagged;
        total.scannedTo = to;
      }
      if (cut !== -1 || rows.length < batchSize) break;
    }
    return total;
  }

  /** Runs every enabled detector on a batch, grouped by the policy in force for each rating's region. */
  private async detect(active: RatingFact[], policyOf: (region: string) => Promise<PolicyInForce>) {
    const known = new Map<number, RatingFact>();
    const remember = (rows: RatingFact[]) => {
      for (const r of rows) known.set(r.id, r);
      return rows;
    };
    remember(active);
    await this.keepTextPrints(active);
    const groups = new Map<number, { policy: EvaluationPolicy; ratings: RatingFact[] }>();
    for (const r of active) {
      const p = await policyOf(r.region_code);
      const g = groups.get(p.id) ?? { policy: p.policy, ratings: [] };
      g.ratings.push(r);
      groups.set(p.id, g);
    }
    const findings: Finding[] = [];
    for (const { policy, ratings } of groups.values()) findings.push(...(await this.detectGroup(policy, ratings, remember)));
    return { findings, known };
  }

  private async detectGroup(policy: EvaluationPolicy, ratings: RatingFact[], remember: (rows: RatingFact[]) => RatingFact[]): Promise<Finding[]> {
    const d: DetectionPolicy = policy.detection;
    const on = new Set<DetectorName>(d.enabled);
    const first = Math.min(...ratings.map((r) => ms(r.submitted_at)));
    const last = Math.max(...ratings.map((r) => ms(r.submitted_at)));
    const findings: Finding[] = [];

    const bursts: [DetectorName, SourceColumn, 'device' | 'ip' | 'phone', number, number][] = [
      ['burst_device', 'device_id', 'device', d.burstDeviceCount, d.burstDeviceMinutes],
      ['burst_ip', 'client_ip_hash', 'ip', d.burstIpCount, d.burstIpMinutes],
      ['burst_phone', 'evaluator_phone_bidx', 'phone', d.burstPhoneCount, d.burstPhoneMinutes],
    ];
    for (const [name, column, source, count, minutes] of bursts) {
      if (!on.has(name)) continue;
      const keys = unique(ratings.map((r) => r[column]));
      if (keys.length === 0) continue;
      const span = minutes * 60_000;
      const context = remember(await this.repo.bySource(column, keys, new Date(first - span), new Date(last + span)));
      const keyed = [...ratings, ...context].map((r) => ({ id: r.id, at: r.submitted_at, key: r[column] === null ? null : String(r[column]) }));
      findings.push(...detectBursts(source, keyed, { count, minutes }));
    }

    if (on.has('fast_device')) {
      // Only staff with a fast rating in this batch can have a new pattern.
      const staff = unique(ratings.filter((r) => r.channel === 'device' && r.invited_at && isFast({ at: r.submitted_at, invitedAt: r.invited_at }, d.fastDeviceSeconds)).map((r) => r.staff_id));
      if (staff.length) {
        const context = remember(await this.repo.deviceRatingsOfStaff(staff, new Date(first - d.fastDeviceDays * DAY), new Date(last)));
        const rows = [...ratings, ...context].flatMap((r) =>
          r.channel === 'device' && r.invited_at && r.staff_id !== null && staff.includes(r.staff_id) ? [{ id: r.id, at: r.submitted_at, invitedAt: r.invited_at, staffKey: `staff:${r.staff_id}` }] : [],
        );
        findings.push(...detectFastDevice(rows, { seconds: d.fastDeviceSeconds, minCount: d.fastDeviceMinCount, minSharePercent: d.fastDeviceMinSharePercent, days: d.fastDeviceDays }));
      }
    }

    if (on.has('self_rating')) {
      const phones = unique(ratings.map((r) => r.evaluator_phone_bidx));
      const ids = unique(ratings.map((r) => r.evaluator_id_bidx));
      const staff = await this.repo.staffIdentities(phones, ids);
      if (staff.length) {
        const identified = ratings.map((r) => ({ id: r.id, staffId: r.staff_id, evaluatorPhoneBidx: r.evaluator_phone_bidx, evaluatorIdBidx: r.evaluator_id_bidx }));
        findings.push(...detectSelfRatings(identified, staff.map((s) => ({ staffId: s.id, phoneBidx: s.phone_bidx, idBidx: s.id_bidx }))));
      }
    }

    if (on.has('identical_text')) {
      const prints = unique(ratings.map((r) => (r.text ? normaliseText(r.text) : '')).filter((n) => Array.from(n).length >= d.identicalTextMinLength).map(textFingerprint));
      if (prints.length) {
        const span = d.identicalTextDays * DAY;
        const context = remember(await this.repo.byFingerprints(prints, new Date(first - span), new Date(last + span)));
        const rows = [...ratings, ...context].map((r) => ({ id: r.id, caseId: r.case_id, unitId: r.unit_id, at: r.submitted_at, text: r.text }));
        findings.push(...detectIdenticalTexts(rows, { minLength: d.identicalTextMinLength, minCases: d.identicalTextMinCases, days: d.identicalTextDays, commonUnits: d.identicalTextCommonUnits }));
      }
    }

    if (on.has('level_skew') && d.skewLevels.length) findings.push(...(await this.levelSkews(policy, ratings, last, remember)));
    return findings;
  }

  /**
   * The level mix of each window the batch touched, over the policy's days up to the batch's newest
   * rating, against its county's other ratings in the same days.
   */
  private async levelSkews(policy: EvaluationPolicy, ratings: RatingFact[], last: number, remember: (rows: RatingFact[]) => RatingFact[]): Promise<Finding[]> {
    const d = policy.detection;
    const from = new Date(last - d.skewDays * DAY);
    const to = new Date(last);
    const windows = unique(ratings.map((r) => r.window_id));
    const countyOf = new Map(ratings.filter((r) => r.window_id !== null).map((r) => [r.window_id!, r.region_code.slice(0, 6)]));
    const perWindow = new Map<number, LevelCounts>();
    for (const row of await this.repo.windowLevelCounts(windows, from, to)) {
      const c = perWindow.get(row.window_id) ?? {};
      c[row.level as Level] = Number(row.n);
      perWindow.set(row.window_id, c);
    }
    const perCounty = new Map<string, LevelCounts>();
    for (const county of unique([...countyOf.values()])) {
      const c: LevelCounts = {};
      for (const row of await this.repo.countyLevelCounts(county, from, to)) c[row.level as Level] = Number(row.n);
      perCounty.set(county, c);
    }
    const rule = { minVolume: d.skewMinVolume, minZ: d.skewMinZ, minExcessPercent: d.skewMinExcessPercent };
    const findings: Finding[] = [];
    for (const windowId of windows) {
      const mine = perWindow.get(windowId) ?? {};
      const county = perCounty.get(countyOf.get(windowId)!) ?? {};
      const rest: LevelCounts = {};
      for (const l of [1, 2, 3, 4, 5] as Level[]) rest[l] = Math.max(0, (county[l] ?? 0) - (mine[l] ?? 0));
      for (const level of d.skewLevels) {
        const stats = levelSkew(mine, rest, level, rule);
        if (!stats) continue;
        const rows = remember(await this.repo.atLevel(windowId, level, from, to));
        if (rows.length) findings.push(levelSkewFinding(windowId, stats, rows.map((r) => r.id), d.skewDays, policy.levels[level], rule));
      }
    }
    return findings;
  }

  /** Stores the fingerprint of every text long enough for any region's rule (the smallest allowed is 4). */
  private async keepTextPrints(active: RatingFact[]) {
    const rows = active.flatMap((r) => {
      const n = r.text ? normaliseText(r.text) : '';
      return Array.from(n).length >= 4 ? [{ evaluation_id: r.id, fingerprint: textFingerprint(n), submitted_at: r.submitted_at }] : [];
    });
    if (rows.length) await this.repo.insertPrints(rows);
  }

  /**
   * Writes findings as flags, one per unit of their ratings (so each supervisor sees their part): a
   * pending flag of the same detector, subject and unit grows, else a new one opens with the ratings no
   * flag of the detector holds yet.
   */
  private async writeFlags(trx: Executor, findings: Finding[], known: Map<number, RatingFact>) {
    const out = { flagsOpened: 0, flagsGrown: 0, ratingsFlagged: 0 };
    for (const f of findings) {
      const byUnit = new Map<number, RatingFact[]>();
      for (const id of f.ratingIds) {
        const r = known.get(id);
        if (!r) continue;
        byUnit.set(r.unit_id, [...(byUnit.get(r.unit_id) ?? []), r]);
      }
      for (const [unitId, rows] of byUnit) {
        const evidence = JSON.stringify({ ...f.evidence, unitRatings: rows.length });
        const pending = await this.repo.pendingFlag(trx, f.detector, f.subject, unitId);
        if (pending) {
          const added = new Set(await this.repo.link(trx, pending.id, f.detector, rows.map((r) => r.id)));
          if (added.size === 0) continue;
          const span = rows.filter((r) => added.has(r.id)).map((r) => ms(r.submitted_at));
          await this.repo.grow(trx, pending.id, { added: added.size, firstAt: new Date(Math.min(...span)), lastAt: new Date(Math.max(...span)), score: f.score, reason: JSON.stringify(f.reason), evidence });
          out.flagsGrown++;
          out.ratingsFlagged += added.size;
          continue;
        }
        const held = await this.repo.linked(trx, f.detector, rows.map((r) => r.id));
        const fresh = rows.filter((r) => !held.has(r.id));
        if (fresh.length === 0) continue;
        const span = fresh.map((r) => ms(r.submitted_at));
        const flagId = await this.repo.insertFlag(trx, {
          detector: f.detector,
          subject: f.subject,
          unit_id: unitId,
          region_code: fresh[0]!.region_code,
          org_path: fresh[0]!.org_path,
          score: f.score,
          reason: JSON.stringify(f.reason),
          evidence,
          rating_count: fresh.length,
          first_at: new Date(Math.min(...span)),
          last_at: new Date(Math.max(...span)),
        });
        await this.repo.link(trx, flagId, f.detector, fresh.map((r) => r.id));
        out.flagsOpened++;
        out.ratingsFlagged += fresh.length;
      }
    }
    return out;
  }

  /** The review queue: flags in the actor's data scope, newest first. */
  async list(ctx: Ctx, filter: FlagListFilter) {
    requirePermission(ctx, 'detection.read');
    return this.repo.list(listScope(ctx), filter);
  }

  /** One flag with its ratings (level, channel, time, text — never who gave them). */
  async get(ctx: Ctx, id: number) {
    requirePermission(ctx, 'detection.read');
    const flag = await this.repo.find(id);
    if (!flag) throw notFound('flag', 'id');
    requireInScope(ctx, { regionCode: flag.region_code, orgPath: flag.org_path }, 'flag');
    return { flag, ratings: await this.repo.ratingsOf(id) };
  }

  /**
   * Confirms (the ratings look manipulated: grounds for an appeal-style exclusion) or dismisses a flag,
   * with a reason. The ratings stay as they are. Sending the same decision again answers the flag as
   * it is; a different decision on a reviewed flag is a conflict.
   */
  async review(ctx: Ctx, id: number, decision: ReviewDecision, reason: string) {
    requirePermission(ctx, 'detection.review');
    const why = reason.trim();
    if (Array.from(why).length < 5) throw invalid('reason', 'state a reason of at least 5 characters');
    const flag = await this.repo.find(id);
    if (!flag) throw notFound('flag', 'id');
    requireInScope(ctx, { regionCode: flag.region_code, orgPath: flag.org_path }, 'flag');
    const status = STATUS_OF[decision];
    const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
    const done = await this.db.transaction().execute(async (trx) => {
      const row = await this.repo.review(trx, id, { status, by: userId, at: this.now(), reason: why });
      if (!row) return false;
      await this.audit.append(trx, {
        ...auditActor(ctx),
        action: 'detection.flag.review',
        targetType: 'rating_flag',
        targetId: id,
        detail: { decision: status, reason: why, detector: flag.detector, ratings: flag.rating_count },
      });
      return true;
    });
    if (!done) {
      const now = (await this.repo.find(id))!;
      if (now.status !== status) throw conflict(`this flag has been ${now.status} already`, 'decision');
    }
    return this.get(ctx, id);
  }
}
