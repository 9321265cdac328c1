import {
  addDays,
  GBT_39046_MAPPING_VERSION,
  isValidLocalDate,
  NATIONAL_DEFAULT_POLICY,
  parseInstant,
  shanghaiDateOf,
  startOfShanghaiDay,
  toGbt39046Record,
  type Gbt39046Record,
  type Level,
} from '@hcp/domain';
import type { Database } from '../db/database.ts';
import { invalid, notFound } from '../errors.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { EvaluationListFilter, EvaluationListingRepository } from '../repositories/evaluation-listing.repository.ts';
import { toCsv, toJsonArray } from '../exports/gbt-39046-writer.ts';
import { auditActor, listScope, requireInScope, requirePermission, type Ctx } from './actor.ts';

export interface EvaluationQuery extends Omit<EvaluationListFilter, 'from' | 'to' | 'clerkView'> {
  /** A date YYYY-MM-DD (from its start in Beijing) or an instant with its offset; inclusive. */
  from?: string;
  /** A date YYYY-MM-DD (through its end in Beijing, inclusive) or an instant (exclusive). */
  to?: string;
}

export interface ExportRequest {
  format: 'csv' | 'json';
  from: string;
  to: string;
  regionCode?: string;
}

const DAY_MS = 86_400_000;
/** Longest export period; a year of a leap year fits. */
const EXPORT_MAX_DAYS = 366;
const EXPORT_PAGE = 1000;
const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

/** The instant a period starts or ends at, from a Beijing date or an ISO instant; 400 with the field otherwise. */
function periodBound(text: string, edge: 'from' | 'to'): Date {
  if (DATE.test(text)) {
    if (!isValidLocalDate(text)) throw invalid(edge, `${text} is not a date`);
    return startOfShanghaiDay(edge === 'to' ? addDays(text, 1) : text);
  }
  const at = parseInstant(text);
  if (!at) throw invalid(edge, 'a date YYYY-MM-DD or an instant with its offset, e.g. 2026-11-01T00:00:00+08:00');
  return at;
}

function period(fromText: string | undefined, toText: string | undefined) {
  const from = fromText !== undefined ? periodBound(fromText, 'from') : undefined;
  const to = toText !== undefined ? periodBound(toText, 'to') : undefined;
  if (from && to && to.getTime() <= from.getTime()) throw invalid('to', 'must be after from');
  return { from, to };
}

/**
 * Evaluations as staff read them (history, 评价记录): in their data scope, never who rated. A window
 * clerk sees the ratings of their unit only once their policy's clerkSeesRatingsAfterHours have
 * passed — at the moment of service the rating is the evaluator's, on the device, not the clerk's.
 */
export class EvaluationQueryService {
  constructor(
    private readonly db: Database,
    private readonly listing: EvaluationListingRepository,
    private readonly audit: AuditRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(ctx: Ctx, q: EvaluationQuery) {
    requirePermission(ctx, 'evaluation.read');
    const { from, to } = period(q.from, q.to);
    const clerkView = this.clerkView(ctx);
    return this.listing.list(listScope(ctx), { ...q, from, to, ...(clerkView ? { clerkView } : {}) });
  }

  async get(ctx: Ctx, id: number) {
    requirePermission(ctx, 'evaluation.read');
    const row = await this.listing.find(id);
    if (!row) throw notFound('evaluation', 'id');
    requireInScope(ctx, { regionCode: row.region_code, orgPath: row.org_path }, 'evaluation');
    const clerkView = this.clerkView(ctx);
    // Not yet visible to a clerk reads as not there, so its existence is not given away either.
    if (clerkView && !(await this.listing.find(id, clerkView))) throw notFound('evaluation', 'id');
    return row;
  }

  /**
   * The GB/T 39046-2020 data set of a period (at most 366 days) in the caller's scope, optionally one
   * region's subtree. Checked and audited before the first byte; then read page by page while the
   * response is written, so a year of a province never sits in memory at once.
   */
  async export(ctx: Ctx, r: ExportRequest) {
    requirePermission(ctx, 'evaluation.export');
    const { from, to } = period(r.from, r.to) as { from: Date; to: Date };
    if (to.getTime() - from.getTime() > EXPORT_MAX_DAYS * DAY_MS) throw invalid('to', `a period of at most ${EXPORT_MAX_DAYS} days`);
    if (r.regionCode) requireInScope(ctx, { regionCode: r.regionCode }, 'region');
    const scope = listScope(ctx);
    await this.db.transaction().execute((trx) =>
      this.audit.append(trx, {
        ...auditActor(ctx),
        action: 'evaluation.export',
        targetType: 'evaluation',
        targetId: null,
        detail: { format: r.format, from: from.toISOString(), to: to.toISOString(), regionCode: r.regionCode ?? null, mappingVersion: GBT_39046_MAPPING_VERSION },
      }),
    );
    const filter = { from, to, ...(r.regionCode ? { regionCode: r.regionCode } : {}) };
    const listing = this.listing;
    async function* records(): AsyncGenerator<Gbt39046Record> {
      let after: { at: Date; id: number } | null = null;
      for (;;) {
        const page = await listing.exportPage(scope, filter, after, EXPORT_PAGE);
        for (const e of page) {
          yield toGbt39046Record({
            caseNo: e.case_no,
            channel: e.channel,
            kind: e.kind,
            realName: e.real_name,
            evaluatorMasked: e.applicant_name_masked,
            submittedAt: new Date(e.submitted_at),
            round: e.round,
            level: e.level as Level,
            levelLabel: e.level_label ?? NATIONAL_DEFAULT_POLICY.levels[e.level as Level].zh,
            text: e.text,
            regionCode: e.region_code,
          });
        }
        if (page.length < EXPORT_PAGE) return;
        const last = page[page.length - 1]!;
        after = { at: new Date(last.submitted_at), id: last.id };
      }
    }
    const name = `gbt39046-evaluations-${shanghaiDateOf(from)}-${shanghaiDateOf(new Date(to.getTime() - 1))}`;
    return r.format === 'csv'
      ? { filename: `${name}.csv`, contentType: 'text/csv; charset=utf-8', mappingVersion: GBT_39046_MAPPING_VERSION, body: toCsv(records()) }
      : { filename: `${name}.json`, contentType: 'application/json; charset=utf-8', mappingVersion: GBT_39046_MAPPING_VERSION, body: toJsonArray(records()) };
  }

  private clerkView(ctx: Ctx) {
    if (ctx.actor.kind !== 'user' || ctx.actor.role !== 'clerk') return undefined;
    return { now: this.now(), fallbackHours: NATIONAL_DEFAULT_POLICY.clerkSeesRatingsAfterHours };
  }
}
