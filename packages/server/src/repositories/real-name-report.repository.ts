import { regionPrefix } from '@hcp/domain';
import { sql, type SqlBool } from 'kysely';
import type { Database } from '../db/database.ts';
import type { DataScope } from '../services/actor.ts';
import { scopeCondition } from './scope.ts';

export interface RealNameFilter {
  from: Date;
  /** Exclusive. */
  to: Date;
  regionCode?: string;
}

/** When the unit finished handling (整改): its first rectification, or feedback straight after an explanation (解释说明). */
const rectifiedAt = sql<Date | null>`(select min(ev.at) from work_order_events ev where ev.work_order_id = w.id and (ev.action = 'rectify' or (ev.action = 'feedback' and ev.from_state = 'decided')))`;
/** The latest revisit (回访) of the order, by a 12345 operator or by the evaluator online. */
const revisitedAt = sql<Date | null>`(select max(ev.at) from work_order_events ev where ev.work_order_id = w.id and ev.action like 'revisit\\_%')`;
const revisitResult = sql<string | null>`(select ev.action from work_order_events ev where ev.work_order_id = w.id and ev.action like 'revisit\\_%' order by ev.at desc, ev.id desc limit 1)`;
const tracked = sql<SqlBool>`(e.excluded_as is null)`;

/**
 * Real-name bad ratings (实名差评) of a period with the state of their work orders, for the 100 %
 * revisit and rectification target (seeds 000, 004). The rating's evaluator is never read here.
 */
export class RealNameReportRepository {
  constructor(private readonly db: Database) {}

  private base(scope: DataScope & { orgPaths?: string[] }, f: RealNameFilter) {
    let q = this.db
      .selectFrom('evaluations as e')
      .innerJoin('cases as c', 'c.id', 'e.case_id')
      .innerJoin('organisations as u', 'u.id', 'e.unit_id')
      .leftJoin('work_orders as w', 'w.evaluation_id', 'e.id')
      .where('e.real_name', '=', true)
      .where('e.bad', '=', true)
      .where('e.kind', '=', 'active')
      .where('e.submitted_at', '>=', f.from)
      .where('e.submitted_at', '<', f.to)
      .where(scopeCondition(scope, 'e.region_code', 'e.org_path'));
    if (f.regionCode) q = q.where('e.region_code', 'like', `${regionPrefix(f.regionCode)}%`);
    return q;
  }

  /** One page, oldest rating first. */
  rows(scope: DataScope & { orgPaths?: string[] }, f: RealNameFilter, page: { limit: number; offset: number }) {
    return this.base(scope, f)
      .innerJoin('service_items as i', 'i.id', 'e.item_id')
      .select([
        'e.id as evaluation_id', 'e.submitted_at', 'e.level', 'e.channel', 'e.region_code', 'e.excluded_as',
        'c.case_no', 'u.id as unit_id', 'u.name as unit_name', 'i.name as item_name',
        'w.id as work_order_id', 'w.state', 'w.decision', 'w.review_round', 'w.closed_at',
        rectifiedAt.as('rectified_at'), revisitedAt.as('revisited_at'), revisitResult.as('revisit_result'),
      ])
      .orderBy('e.submitted_at')
      .orderBy('e.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
  }

  /** Counts over the whole period; the rates' numerators leave out ratings excluded by an upheld appeal, as statistics do. */
  async totals(scope: DataScope & { orgPaths?: string[] }, f: RealNameFilter) {
    const row = await this.base(scope, f)
      .select([
        sql<string>`count(*)`.as('count'),
        sql<string>`count(*) filter (where not ${tracked})`.as('excluded'),
        sql<string>`count(*) filter (where ${tracked} and w.closed_at is not null)`.as('closed'),
        sql<string>`count(*) filter (where ${tracked} and ${revisitedAt} is not null)`.as('revisited'),
        sql<string>`count(*) filter (where ${tracked} and ${rectifiedAt} is not null)`.as('rectified'),
        sql<string>`count(*) filter (where w.closed_at is null)`.as('not_closed'),
      ])
      .executeTakeFirstOrThrow();
    return {
      count: Number(row.count),
      excluded: Number(row.excluded),
      closed: Number(row.closed),
      revisited: Number(row.revisited),
      rectified: Number(row.rectified),
      notClosed: Number(row.not_closed),
    };
  }
}
