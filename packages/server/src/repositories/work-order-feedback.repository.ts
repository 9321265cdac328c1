import { regionPrefix } from '@hcp/domain';
import type { Insertable } from 'kysely';
import type { Database } from '../db/database.ts';
import type { WorkOrderLinkTable } from '../db/schema.ts';
import type { Executor } from './audit.repository.ts';

export interface PublishedReplyFilter {
  /** A region's subtree (twelve digits). */
  regionCode?: string;
  unitId?: number;
  limit: number;
  offset: number;
}

/**
 * The evaluator's side of a work order (feedback links, what their page shows) and the published
 * replies (公开答复). Nothing here selects a name or phone except orderContext's encrypted phone,
 * which only the feedback SMS decrypts.
 */
export class WorkOrderFeedbackRepository {
  constructor(private readonly db: Database) {}

  async insertLink(trx: Executor, row: Insertable<WorkOrderLinkTable>): Promise<number> {
    const r = await trx.insertInto('work_order_links').values(row).returning('id').executeTakeFirstOrThrow();
    return r.id;
  }

  findLink(tokenHash: string) {
    return this.db.selectFrom('work_order_links').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  }

  /** What the feedback SMS and the evaluator's page say of an order's case and rating. */
  orderContext(workOrderId: number, db: Executor = this.db) {
    return this.ordersWithRatings(db)
      .select([
        'wo.id', 'c.completed_at', 'i.name as item_name', 'u.name as unit_name',
        'e.level', 'e.tags', 'e.submitted_at', 'e.evaluator_phone_enc', 'e.policy_id as evaluation_policy_id',
        'r.level as revisit_level', 'r.submitted_at as revisit_at',
      ])
      .where('wo.id', '=', workOrderId)
      .executeTakeFirst();
  }

  /**
   * Published replies, newest first, with what may be shown of the rating: level, tags, dates, item and
   * unit. A rating excluded by an upheld appeal (误评, 恶意差评) is never listed.
   */
  publishedReplies(f: PublishedReplyFilter) {
    let q = this.ordersWithRatings(this.db)
      .select([
        'wo.id', 'wo.state', 'wo.public_reply', 'wo.public_reply_at', 'wo.region_code', 'wo.unit_id', 'u.name as unit_name', 'i.name as item_name',
        'e.level', 'e.tags', 'e.submitted_at', 'e.policy_id', 'r.level as revisit_level',
      ])
      .where('wo.public_reply', 'is not', null)
      .where('e.excluded_as', 'is', null)
      .orderBy('wo.public_reply_at', 'desc')
      .orderBy('wo.id', 'desc')
      .limit(f.limit)
      .offset(f.offset);
    if (f.regionCode) q = q.where('wo.region_code', 'like', `${regionPrefix(f.regionCode)}%`);
    if (f.unitId !== undefined) q = q.where('wo.unit_id', '=', f.unitId);
    return q.execute();
  }

  /** Work orders (wo) with their rating (e), case (c), item (i), unit (u) and the revisit's rating if any (r). */
  private ordersWithRatings(db: Executor) {
    return db
      .selectFrom('work_orders as wo')
      .innerJoin('evaluations as e', 'e.id', 'wo.evaluation_id')
      .innerJoin('cases as c', 'c.id', 'wo.case_id')
      .innerJoin('service_items as i', 'i.id', 'c.item_id')
      .innerJoin('organisations as u', 'u.id', 'wo.unit_id')
      .leftJoin('evaluations as r', 'r.id', 'wo.revisit_evaluation_id');
  }
}
