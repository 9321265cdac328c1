import { regionPrefix } from '@hcp/domain';
import { sql, type SqlBool } from 'kysely';
import type { Database } from '../db/database.ts';
import type { DataScope } from '../services/actor.ts';
import type { Executor } from './audit.repository.ts';
import { scopeCondition } from './scope.ts';

export interface EvaluationListFilter {
  regionCode?: string;
  unitId?: number;
  windowId?: number;
  staffId?: number;
  itemCode?: string;
  level?: number;
  bad?: boolean;
  kind?: 'active' | 'default';
  channel?: string;
  /** Submitted at or after. */
  from?: Date;
  /** Submitted before. */
  to?: Date;
  caseNo?: string;
  /**
   * For window clerks: only ratings older than their policy version's clerkSeesRatingsAfterHours at
   * this instant; `fallbackHours` for a version saved before that setting existed.
   */
  clerkView?: { now: Date; fallbackHours: number };
  limit: number;
  offset: number;
}

type Scope = DataScope & { orgPaths?: string[] };

// The label of the level in the policy version the rating was made under.
const levelLabel = sql<string | null>`p.policy->'levels'->(e.level::text)->>'zh'`;

/**
 * Evaluations as staff read them. Never selects who rated — no evaluator name, phone or blind
 * index, and not who entered it — only whether it was real-name and whether staff entered it.
 */
const staffView = (db: Executor) =>
  db
    .selectFrom('evaluations as e')
    .innerJoin('cases as c', 'c.id', 'e.case_id')
    .innerJoin('service_items as i', 'i.id', 'e.item_id')
    .innerJoin('organisations as u', 'u.id', 'e.unit_id')
    .innerJoin('evaluation_policies as p', 'p.id', 'e.policy_id')
    .leftJoin('organisations as w', 'w.id', 'e.window_id')
    .leftJoin('staff as s', 's.id', 'e.staff_id')
    .select([
      'e.id', 'e.case_id', 'c.case_no', 'e.visit_no', 'e.round', 'e.kind', 'e.level', 'e.bad', 'e.tags', 'e.text', 'e.scores', 'e.channel',
      'e.real_name', 'e.item_id', 'i.item_code', 'i.name as item_name', 'e.unit_id', 'u.name as unit_name', 'e.window_id', 'w.name as window_name',
      'e.hall_id', 'e.staff_id', 's.name as staff_name', 'e.platform_id', 'e.region_code', 'e.org_path', 'p.version as policy_version', 'e.submitted_at',
      levelLabel.as('level_label'),
      sql<boolean>`e.entered_by is not null`.as('staff_entered'),
      sql<boolean>`(e.scan_ref is not null or exists (select 1 from evaluation_scans sc where sc.evaluation_id = e.id))`.as('has_scan'),
    ]);

export type EvaluationStaffRow = Awaited<ReturnType<ReturnType<typeof staffView>['executeTakeFirstOrThrow']>>;

const clerkCondition = (v: { now: Date; fallbackHours: number }) =>
  sql<SqlBool>`e.submitted_at + make_interval(hours => coalesce((p.policy->>'clerkSeesRatingsAfterHours')::int, ${v.fallbackHours})) <= ${v.now}`;

/** Reads of evaluations for staff: the listing, one rating, and the pages of the GB/T 39046 export. */
export class EvaluationListingRepository {
  constructor(private readonly db: Database) {}

  list(scope: Scope, f: EvaluationListFilter) {
    let q = staffView(this.db)
      .where(scopeCondition(scope, 'e.region_code', 'e.org_path'))
      .orderBy('e.submitted_at', 'desc')
      .orderBy('e.id', 'desc')
      .limit(f.limit)
      .offset(f.offset);
    if (f.regionCode) q = q.where('e.region_code', 'like', `${regionPrefix(f.regionCode)}%`);
    if (f.unitId !== undefined) q = q.where('e.unit_id', '=', f.unitId);
    if (f.windowId !== undefined) q = q.where('e.window_id', '=', f.windowId);
    if (f.staffId !== undefined) q = q.where('e.staff_id', '=', f.staffId);
    if (f.itemCode) q = q.where('i.item_code', '=', f.itemCode);
    if (f.level !== undefined) q = q.where('e.level', '=', f.level);
    if (f.bad !== undefined) q = q.where('e.bad', '=', f.bad);
    if (f.kind) q = q.where('e.kind', '=', f.kind);
    if (f.channel) q = q.where('e.channel', '=', f.channel);
    if (f.from) q = q.where('e.submitted_at', '>=', f.from);
    if (f.to) q = q.where('e.submitted_at', '<', f.to);
    if (f.caseNo) q = q.where('c.case_no', '=', f.caseNo);
    if (f.clerkView) q = q.where(clerkCondition(f.clerkView));
    return q.execute();
  }

  find(id: number, clerkView?: { now: Date; fallbackHours: number }) {
    let q = staffView(this.db).where('e.id', '=', id);
    if (clerkView) q = q.where(clerkCondition(clerkView));
    return q.executeTakeFirst();
  }

  /**
   * One page of the export, in (submitted_at, id) order after the cursor. The evaluator comes as the
   * case's masked applicant name — a real-name rating is bound to the applicant — so nothing is
   * decrypted for an export.
   */
  exportPage(scope: Scope, f: { from: Date; to: Date; regionCode?: string }, after: { at: Date; id: number } | null, limit: number) {
    let q = this.db
      .selectFrom('evaluations as e')
      .innerJoin('cases as c', 'c.id', 'e.case_id')
      .innerJoin('evaluation_policies as p', 'p.id', 'e.policy_id')
      .select(['e.id', 'c.case_no', 'e.channel', 'e.kind', 'e.real_name', 'c.applicant_name_masked', 'e.submitted_at', 'e.round', 'e.level', 'e.text', 'e.region_code', levelLabel.as('level_label')])
      .where(scopeCondition(scope, 'e.region_code', 'e.org_path'))
      .where('e.submitted_at', '>=', f.from)
      .where('e.submitted_at', '<', f.to)
      .orderBy('e.submitted_at')
      .orderBy('e.id')
      .limit(limit);
    if (f.regionCode) q = q.where('e.region_code', 'like', `${regionPrefix(f.regionCode)}%`);
    if (after) q = q.where((eb) => eb(eb.refTuple('e.submitted_at', 'e.id'), '>', eb.tuple(after.at, after.id)));
    return q.execute();
  }
}
