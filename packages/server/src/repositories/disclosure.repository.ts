import { regionPrefix } from '@hcp/domain';
import type { Database } from '../db/database.ts';

/** `q` as a LIKE pattern matching it anywhere, with LIKE's own characters taken literally. */
const contains = (q: string) => `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/** A region subtree as a range of 12-digit codes (the rows of organisations and items carry 12 digits). */
function regionRange(code: string): [string, string] {
  const p = regionPrefix(code);
  return [p.padEnd(12, '0'), p.padEnd(12, '9')];
}

export interface PublicUnitRow {
  id: number;
  name: string;
  code: string | null;
  region_code: string;
  region_name: string;
  path: string;
}

/**
 * Reads of the public portal (公开): names of regions, units and service items, and the published
 * replies (公开答复) with the rating as it may be shown. Nothing here selects a case number, an
 * applicant, an evaluator's name or phone, or a staff member: what is not selected cannot leak.
 */
export class DisclosureRepository {
  constructor(private readonly db: Database) {}

  /** Active units by id, with their region's name. */
  async units(ids: number[]): Promise<PublicUnitRow[]> {
    if (ids.length === 0) return [];
    return this.db
      .selectFrom('organisations as o')
      .innerJoin('regions as r', 'r.code', 'o.region_code')
      .select(['o.id', 'o.name', 'o.code', 'o.region_code', 'r.name as region_name', 'o.path'])
      .where('o.id', 'in', ids)
      .where('o.kind', '=', 'unit')
      .where('o.active', '=', true)
      .execute();
  }

  /** Active units whose name contains `q` or whose code is `q`, inside a region subtree when given. */
  searchUnits(q: string, regionCode: string | undefined, limit: number): Promise<PublicUnitRow[]> {
    let query = this.db
      .selectFrom('organisations as o')
      .innerJoin('regions as r', 'r.code', 'o.region_code')
      .select(['o.id', 'o.name', 'o.code', 'o.region_code', 'r.name as region_name', 'o.path'])
      .where('o.kind', '=', 'unit')
      .where('o.active', '=', true)
      .where((eb) => eb.or([eb('o.name', 'like', contains(q)), eb('o.code', '=', q)]))
      .orderBy('o.name')
      .orderBy('o.id')
      .limit(limit);
    if (regionCode) {
      const [lo, hi] = regionRange(regionCode);
      query = query.where('o.region_code', '>=', lo).where('o.region_code', '<=', hi);
    }
    return query.execute();
  }

  /**
   * Current versions of the service items whose name contains `q` or whose code is `q`, with their
   * owning unit (active units only), inside a region subtree when given.
   */
  searchItems(q: string, regionCode: string | undefined, limit: number) {
    let query = this.db
      .selectFrom('service_items as i')
      .innerJoin('organisations as o', 'o.id', 'i.owner_org_id')
      .innerJoin('regions as r', 'r.code', 'i.region_code')
      .select(['i.item_code', 'i.name', 'i.item_type', 'i.promised_days', 'i.region_code', 'r.name as region_name', 'o.id as unit_id', 'o.name as unit_name', 'o.region_code as unit_region_code'])
      .where('i.superseded_at', 'is', null)
      .where('o.active', '=', true)
      .where((eb) => eb.or([eb('i.name', 'like', contains(q)), eb('i.item_code', '=', q)]))
      .orderBy('i.name')
      .orderBy('i.item_code')
      .limit(limit);
    if (regionCode) {
      const [lo, hi] = regionRange(regionCode);
      query = query.where('i.region_code', '>=', lo).where('i.region_code', '<=', hi);
    }
    return query.execute();
  }

  /** Every version id of the given item codes, by code (the statistics count ratings per version). */
  async itemVersionIds(codes: string[]): Promise<Map<string, number[]>> {
    const out = new Map<string, number[]>();
    if (codes.length === 0) return out;
    const rows = await this.db.selectFrom('service_items').select(['id', 'item_code']).where('item_code', 'in', codes).execute();
    for (const r of rows) out.set(r.item_code, [...(out.get(r.item_code) ?? []), r.id]);
    return out;
  }

  /**
   * A unit's published replies (公开答复), newest first, with what the portal may show of the
   * rating: level, tags, text, channel, dates and the item. Only ratings of the given levels; never a
   * rating excluded by an upheld appeal (误评, 恶意差评).
   */
  replies(f: { unitId: number; levels: number[]; limit: number; offset: number }) {
    if (f.levels.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('work_orders as wo')
      .innerJoin('evaluations as e', 'e.id', 'wo.evaluation_id')
      .innerJoin('cases as c', 'c.id', 'wo.case_id')
      .innerJoin('service_items as i', 'i.id', 'c.item_id')
      .leftJoin('evaluations as r', 'r.id', 'wo.revisit_evaluation_id')
      .select([
        'wo.id', 'wo.state', 'wo.public_reply', 'wo.public_reply_at', 'i.name as item_name',
        'e.level', 'e.tags', 'e.text', 'e.channel', 'e.submitted_at', 'e.policy_id', 'r.level as revisit_level',
      ])
      .where('wo.unit_id', '=', f.unitId)
      .where('wo.public_reply', 'is not', null)
      .where('e.excluded_as', 'is', null)
      .where('e.level', 'in', f.levels)
      .orderBy('wo.public_reply_at', 'desc')
      .orderBy('wo.id', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute();
  }

  /** How many replies `replies` would list in all. */
  async replyCount(f: { unitId: number; levels: number[] }): Promise<number> {
    if (f.levels.length === 0) return 0;
    const row = await this.db
      .selectFrom('work_orders as wo')
      .innerJoin('evaluations as e', 'e.id', 'wo.evaluation_id')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('wo.unit_id', '=', f.unitId)
      .where('wo.public_reply', 'is not', null)
      .where('e.excluded_as', 'is', null)
      .where('e.level', 'in', f.levels)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
