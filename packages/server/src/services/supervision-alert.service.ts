import {
  addDays,
  alertRecipients,
  overdueAlertDue,
  parseReportPeriod,
  previousReportPeriod,
  rankObjects,
  ratingMetrics,
  reportPeriodOf,
  shanghaiDateOf,
  STAT_LEVELS,
  staffAlertReason,
  startOfShanghaiDay,
  SUPERVISION_ALERT_NAMES,
  unitRankAlerts,
  type AlertRecipient,
  type ReportPeriod,
  type StatCounts,
  type SupervisionAlertKind,
} from '@hcp/domain';
import type { Database } from '../db/database.ts';
import { invalid, notFound } from '../errors.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { StatisticsRepository, StatRow } from '../repositories/statistics.repository.ts';
import type { AlertListFilter, SubjectPlace, SupervisionAlertRepository, SupervisionAlertRow } from '../repositories/supervision-alert.repository.ts';
import { auditActor, isInScope, listScope, requireInScope, requirePermission, requireUser, type Ctx } from './actor.ts';
import type { PolicyInForce } from './evaluation.service.ts';
import { memoise } from './memoise.ts';
import type { NotificationService } from './notification.service.ts';

export interface SupervisionAlertDeps {
  db: Database;
  alerts: SupervisionAlertRepository;
  stats: StatisticsRepository;
  notifications: NotificationService;
  policyFor: (regionCode: string) => Promise<PolicyInForce>;
  audit: AuditRepository;
  now?: () => Date;
}

type Figures = Record<string, number | string | null>;

/** One alert the check found due, before it is stored. */
interface Candidate {
  kind: SupervisionAlertKind;
  subjectId: number;
  staffId: number | null;
  place: SubjectPlace;
  period: ReportPeriod;
  figures: Figures;
  policy: PolicyInForce;
}

export interface SupervisionRunResult {
  /** The months checked, YYYY-MM. */
  periods: string[];
  /** Alerts found due, of which raised now (new) and refreshed (raised before: latest figures stored). */
  due: number;
  raised: Record<SupervisionAlertKind, number>;
  refreshed: number;
  /** Notifications written, one per recipient of each new alert. */
  notified: number;
}

const ALL = { scope: { regionCode: null, orgPath: null } };
const pct = (r: number) => `${(r * 100).toFixed(1)}%`;
const levelSum = (c: StatCounts) => STAT_LEVELS.reduce((s, l) => s + l * c[`a${l}`], 0);

/**
 * Supervision alerts (督办预警), DOMAIN.md §6 (job `supervision.alerts`, daily; or on demand in a
 * supervisor's scope). For the current month and the last whole one it reads the statistics rollups
 * and raises, with the thresholds of the region's policy (`supervisionAlerts`):
 * - staff with concentrated bad ratings (集中差评: at least N, or a rate above X given enough ratings);
 * - units with a high bad-rating rate among the last places of the units' ranking by bad-rating rate,
 *   ranked among the units of the same county-level code with the ranking of the statistics
 *   (`GET /api/rankings?level=unit&metric=badRate&regionCode=<county>`): 约谈问责;
 * - units whose work orders of the month got red cards (超期), as one summary per unit (each order's
 *   own warning and red card are the work-order clock's, never repeated here).
 * Each alert is stored once per kind, subject and month (unique key), and its winner notifies the
 * nearest management office covering the subject, in the same transaction; later checks only store
 * the latest figures. Supervisors list them in their scope and acknowledge them with a note.
 */
export class SupervisionAlertService {
  private readonly now: () => Date;

  constructor(private readonly d: SupervisionAlertDeps) {
    this.now = d.now ?? (() => new Date());
  }

  /** The check; a user (permission supervision.acknowledge) checks only the subjects in their data scope. */
  async run(ctx: Ctx, q: { period?: string } = {}): Promise<SupervisionRunResult> {
    requirePermission(ctx, 'supervision.acknowledge');
    const now = this.now();
    const today = shanghaiDateOf(now);
    let periods: ReportPeriod[];
    if (q.period !== undefined) {
      const p = parseReportPeriod('month', q.period);
      if (!p) throw invalid('period', 'a month YYYY-MM');
      if (p.from > today) throw invalid('period', 'a month that has begun');
      periods = [p];
    } else periods = [previousReportPeriod('month', today), reportPeriodOf('month', today)];
    const policyOf = memoise((region: string) => this.d.policyFor(region));
    const candidates: Candidate[] = [];
    for (const p of periods) candidates.push(...(await this.candidates(ctx, p, policyOf)));
    const directory = await this.d.notifications.directory();
    const names = await this.d.alerts.unitNames([...new Set(candidates.map((c) => c.place.unitId))]);
    const result: SupervisionRunResult = { periods: periods.map((p) => p.key), due: candidates.length, raised: { staff_bad_ratings: 0, unit_low_rank: 0, unit_overdue: 0 }, refreshed: 0, notified: 0 };
    // In kind and subject order, so two instances claim rows in the same order and wait for each other.
    candidates.sort((a, b) => a.period.key.localeCompare(b.period.key) || a.kind.localeCompare(b.kind) || a.subjectId - b.subjectId);
    await this.d.db.transaction().execute(async (trx) => {
      const raised: { id: number; kind: SupervisionAlertKind; subjectId: number; period: string; recipients: number }[] = [];
      for (const c of candidates) {
        const id = await this.d.alerts.claim(trx, {
          kind: c.kind,
          subject_id: c.subjectId,
          unit_id: c.place.unitId,
          staff_id: c.staffId,
          region_code: c.place.regionCode,
          org_path: c.place.orgPath,
          period_kind: 'month',
          period_key: c.period.key,
          period_from: c.period.from,
          period_to: addDays(c.period.to, -1),
          first_figures: JSON.stringify(c.figures),
          figures: JSON.stringify(c.figures),
          policy_region_code: c.policy.regionCode,
          policy_version: c.policy.version,
          raised_at: now,
          checked_at: now,
        });
        if (id === undefined) {
          await this.d.alerts.refresh(trx, { kind: c.kind, subjectId: c.subjectId, periodKey: c.period.key }, c.figures, now);
          result.refreshed++;
          continue;
        }
        const users = recipientsOf(directory, c.place);
        const text = alertText(c, names.get(c.place.unitId) ?? `#${c.place.unitId}`);
        const notified = await this.d.notifications.notify(trx, users, {
          kind: `supervision.${c.kind}`,
          title: text.title,
          body: text.body,
          targetType: 'supervision_alert',
          targetId: id,
          data: { alertId: id, kind: c.kind, period: c.period.key, unitId: c.place.unitId, staffId: c.staffId, ...c.figures },
          dedupeKey: `supervision-alert:${id}`,
          at: now,
        });
        await this.d.alerts.setRecipients(trx, id, notified);
        result.raised[c.kind]++;
        result.notified += notified;
        raised.push({ id, kind: c.kind, subjectId: c.subjectId, period: c.period.key, recipients: notified });
      }
      if (raised.length > 0 || ctx.actor.kind === 'user') {
        await this.d.audit.append(trx, {
          ...auditActor(ctx),
          action: 'supervision.alert.check',
          targetType: 'supervision_alert',
          targetId: null,
          detail: { periods: result.periods, due: result.due, refreshed: result.refreshed, raised },
        });
      }
    });
    return result;
  }

  /** The alerts in the viewer's scope, newest first, and how many of them are open. */
  async list(ctx: Ctx, f: AlertListFilter) {
    requirePermission(ctx, 'supervision.read');
    const scope = listScope(ctx);
    return { items: await this.d.alerts.list(scope, f), open: await this.d.alerts.openCount(scope) };
  }

  async get(ctx: Ctx, id: number): Promise<SupervisionAlertRow> {
    requirePermission(ctx, 'supervision.read');
    const row = await this.d.alerts.find(id);
    if (!row) throw notFound('supervision alert', 'id');
    requireInScope(ctx, { regionCode: row.region_code, orgPath: row.org_path }, 'supervision alert');
    return row;
  }

  /**
   * Acknowledges an alert with what was done about it (约谈, 教育提醒, 调整岗位 …), audited. Again on an
   * acknowledged alert: the alert as it is (the first acknowledgement stays).
   */
  async acknowledge(ctx: Ctx, id: number, note: string): Promise<SupervisionAlertRow> {
    requirePermission(ctx, 'supervision.acknowledge');
    const user = requireUser(ctx);
    const text = note.trim();
    if (Array.from(text).length < 2) throw invalid('note', 'say what was done, at least 2 characters');
    const row = await this.get(ctx, id);
    if (row.acknowledged_at) return row;
    await this.d.db.transaction().execute(async (trx) => {
      if (!(await this.d.alerts.acknowledge(trx, id, user.userId, this.now(), text))) return;
      await this.d.audit.append(trx, {
        ...auditActor(ctx),
        action: 'supervision.alert.acknowledge',
        targetType: 'supervision_alert',
        targetId: id,
        detail: { kind: row.kind, period: row.period_key, unitId: row.unit_id, note: text },
      });
    });
    return (await this.d.alerts.find(id))!;
  }

  /** The alerts due in one month among the subjects the actor may see. */
  private async candidates(ctx: Ctx, p: ReportPeriod, policyOf: (region: string) => Promise<PolicyInForce>): Promise<Candidate[]> {
    const range = { from: p.from, to: addDays(p.to, -1) };
    const out: Candidate[] = [];
    const visible = (place: SubjectPlace) => isInScope(ctx.actor, { regionCode: place.regionCode, orgPath: place.orgPath });

    // Staff with concentrated bad ratings: only those with any bad rating can be.
    const staffRows = (await this.d.stats.sum(ALL, range, 'staff')).rows.filter((r) => Number(r.key) > 0 && r.counts.a_bad > 0);
    const staffPlaces = await this.d.alerts.staffPlaces(staffRows.map((r) => Number(r.key)));
    for (const r of staffRows) {
      const place = staffPlaces.get(Number(r.key));
      if (!place || !visible(place)) continue;
      const policy = await policyOf(place.regionCode);
      const rules = policy.policy.supervisionAlerts;
      const m = ratingMetrics(r.counts, 'active');
      const reason = staffAlertReason({ ratings: m.total, bad: m.bad }, rules);
      if (!reason) continue;
      out.push({
        kind: 'staff_bad_ratings', subjectId: place.id, staffId: place.id, place, period: p, policy,
        figures: { ratings: m.total, bad: m.bad, badRate: m.badRate, reason, minBadRatings: rules.staffMinBadRatings, badRateAbove: rules.staffBadRateAbove, minRatings: rules.staffMinRatings },
      });
    }

    // Units: ranked by bad-rating rate among the units of their county-level code; and overdue orders.
    const unitRows = (await this.d.stats.sum(ALL, range, 'unit')).rows.filter((r) => Number(r.key) > 0);
    const unitPlaces = await this.d.alerts.unitPlaces(unitRows.map((r) => Number(r.key)));
    const peers = new Map<string, { row: StatRow; place: SubjectPlace }[]>();
    for (const row of unitRows) {
      const place = unitPlaces.get(Number(row.key));
      if (!place) continue;
      const county = place.regionCode.slice(0, 6).padEnd(12, '0');
      peers.set(county, [...(peers.get(county) ?? []), { row, place }]);
    }
    for (const [county, units] of peers) {
      if (!units.some((u) => visible(u.place))) continue;
      const policy = await policyOf(county);
      const inputs = units.map(({ row }) => {
        const m = ratingMetrics(row.counts, 'active');
        return { key: row.key, volume: m.total, levelSum: levelSum(row.counts), bad: m.bad };
      });
      const ranking = rankObjects(inputs, policy.policy.ranking, 'badRate');
      const rules = policy.policy.supervisionAlerts;
      for (const a of unitRankAlerts(ranking, rules)) {
        const unit = units.find((u) => u.row.key === a.key)!;
        if (!visible(unit.place)) continue;
        const bad = inputs.find((i) => i.key === a.key)!.bad;
        out.push({
          kind: 'unit_low_rank', subjectId: unit.place.id, staffId: null, place: unit.place, period: p, policy,
          figures: { ratings: a.volume, bad, badRate: a.badRate, rank: a.rank, rankedCount: a.rankedCount, smoothed: a.smoothed, rankingRegion: county, badRateAbove: rules.unitBadRateAbove, bottomRanks: rules.unitBottomRanks },
        });
      }
    }
    const overdue: { row: StatRow; place: SubjectPlace; policy: PolicyInForce }[] = [];
    for (const row of unitRows) {
      const place = unitPlaces.get(Number(row.key));
      if (!place || row.counts.o_overdue === 0 || !visible(place)) continue;
      const policy = await policyOf(place.regionCode);
      if (overdueAlertDue(row.counts.o_overdue, policy.policy.supervisionAlerts)) overdue.push({ row, place, policy });
    }
    const stillOpen = await this.d.alerts.overdueStillOpen(overdue.map((o) => o.place.id), startOfShanghaiDay(p.from), startOfShanghaiDay(p.to));
    for (const { row, place, policy } of overdue) {
      const counted = row.counts.o_opened - row.counts.o_appeal_upheld;
      out.push({
        kind: 'unit_overdue', subjectId: place.id, staffId: null, place, period: p, policy,
        figures: { orders: counted, overdue: row.counts.o_overdue, overdueRate: counted > 0 ? row.counts.o_overdue / counted : null, stillOpen: stillOpen.get(place.id) ?? 0, minOrders: policy.policy.supervisionAlerts.unitMinOverdueOrders },
      });
    }
    return out;
  }
}

/** The management office nearest to the subject (the supervisors covering it with the narrowest scope). */
function recipientsOf(directory: AlertRecipient[], place: SubjectPlace): number[] {
  return alertRecipients(directory, { regionCode: place.regionCode, orgPath: place.orgPath }, 'supervisor');
}

/** The notification's texts: the unit's name and the figures, never a staff member's name or number. */
function alertText(c: Candidate, unitName: string): { title: string; body: string } {
  const f = c.figures;
  const when = c.period.labelZh;
  const name = SUPERVISION_ALERT_NAMES[c.kind].zh;
  switch (c.kind) {
    case 'staff_bad_ratings':
      return {
        title: `【督办预警】${name}（${when}）`,
        body: `${unitName}的一名工作人员${when}收到差评 ${f.bad} 条（共 ${f.ratings} 条评价，差评率 ${pct(f.badRate as number)}），达到督办预警标准。请督促单位开展教育提醒，必要时调整窗口岗位。`,
      };
    case 'unit_low_rank':
      return {
        title: `【督办预警】${unitName}差评率偏高、排名靠后（${when}）`,
        body: `${unitName}${when}差评率 ${pct(f.badRate as number)}（${f.bad}/${f.ratings}），在参与排名的 ${f.rankedCount} 个单位中按差评率列第 ${f.rank} 位。请约谈提醒、督促整改。`,
      };
    case 'unit_overdue':
      return {
        title: `【督办预警】${unitName}整改工单超期（${when}）`,
        body: `${unitName}${when}的差评整改工单中有 ${f.overdue} 件超期（红牌），其中 ${f.stillOpen} 件仍未办结。请督促单位限期整改。`,
      };
  }
}
