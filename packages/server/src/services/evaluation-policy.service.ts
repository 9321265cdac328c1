import { checkPolicy, diffPolicies, withPolicyDefaults, type EvaluationPolicy, type PolicyDiff } from '@hcp/domain';
import type { Database } from '../db/database.ts';
import { AppError, forbidden, notFound } from '../errors.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import { NATIONAL_REGION, type EvaluationRepository } from '../repositories/evaluation.repository.ts';
import type { RegionRepository } from '../repositories/region.repository.ts';
import { auditActor, requireInScope, requirePermission, type Ctx } from './actor.ts';
import type { EvaluationService } from './evaluation.service.ts';

export interface SavedPolicy {
  id: number;
  regionCode: string;
  version: number;
  /** The version in force for the region before this one (its own, an ancestor's or the national). */
  basedOn: { id: number; regionCode: string; version: number };
  diff: PolicyDiff;
}

/**
 * Administration of evaluation policies (评价规则): each region may save versions of its own; a region
 * without one uses its nearest ancestor's, then the national one. Versions are never changed or
 * removed — every evaluation keeps pointing at the version it was made under.
 */
export class EvaluationPolicyService {
  constructor(
    private readonly db: Database,
    private readonly evaluations: EvaluationRepository,
    private readonly regions: RegionRepository,
    private readonly evaluationService: EvaluationService,
    private readonly audit: AuditRepository,
  ) {}

  /**
   * The policy in force for a region, and where it comes from. Evaluation rules are published
   * (公开为常态), so any staff member may read any region's, as with region names; writing is scoped.
   */
  async inForce(ctx: Ctx, regionCode: string) {
    requirePermission(ctx, 'masterdata.read');
    await this.requireRegion(regionCode);
    const p = await this.evaluationService.policyFor(regionCode);
    const row = await this.evaluations.policyById(p.id);
    return { regionCode, id: p.id, version: p.version, sourceRegionCode: p.regionCode, inherited: p.regionCode !== regionCode, policy: p.policy, note: row?.note ?? null, createdAt: row!.created_at };
  }

  /** The region's own versions, newest first; readable by all staff like inForce. */
  async versions(ctx: Ctx, regionCode: string) {
    requirePermission(ctx, 'masterdata.read');
    await this.requireRegion(regionCode);
    const rows = await this.evaluations.policyHistory(regionCode);
    return rows.map((r) => ({ id: r.id, version: r.version, note: r.note, author: r.author ?? null, createdAt: r.created_at, policy: withPolicyDefaults(r.policy) }));
  }

  /**
   * Saves a new version for the region after checking it for consistency (every problem at once, by
   * field), and answers what it changes against the version in force before it.
   */
  async save(ctx: Ctx, regionCode: string, policy: EvaluationPolicy, note: string | null): Promise<SavedPolicy> {
    requirePermission(ctx, 'policy.write');
    if (regionCode === NATIONAL_REGION && ctx.actor.kind === 'user' && ctx.actor.role !== 'sysadmin') {
      throw forbidden('only a system administrator changes the national evaluation policy');
    }
    await this.requireRegion(regionCode);
    // The national layer is above every scope; its writers were checked above.
    if (regionCode !== NATIONAL_REGION) requireInScope(ctx, { regionCode }, 'region');
    const problems = checkPolicy(policy).map((p) => ({ field: `policy.${p.field}`, reason: p.reason }));
    if (problems.length > 0) throw new AppError('VALIDATION_FAILED', `${problems[0]!.field}: ${problems[0]!.reason}`, problems[0]!.field, problems);
    const before = await this.evaluationService.policyFor(regionCode);
    const diff = diffPolicies(before.policy, policy);
    if (diff.unchanged) throw new AppError('VALIDATION_FAILED', 'policy: the same as the version in force; nothing to save', 'policy', [{ field: 'policy', reason: 'no change from the version in force' }]);
    const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
    const trimmed = note?.trim() || null;
    const saved = await this.db.transaction().execute(async (trx) => {
      const v = await this.evaluations.insertPolicy(trx, regionCode, policy, trimmed, userId);
      await this.audit.append(trx, {
        ...auditActor(ctx),
        action: 'evaluation_policy.save',
        targetType: 'evaluation_policy',
        targetId: v.id,
        detail: { regionCode, version: v.version, basedOn: { id: before.id, regionCode: before.regionCode, version: before.version }, note: trimmed, diff },
      });
      return v;
    });
    return { id: saved.id, regionCode, version: saved.version, basedOn: { id: before.id, regionCode: before.regionCode, version: before.version }, diff };
  }

  private async requireRegion(regionCode: string) {
    if (regionCode !== NATIONAL_REGION && !(await this.regions.find(regionCode))) throw notFound('region', 'regionCode');
  }
}
