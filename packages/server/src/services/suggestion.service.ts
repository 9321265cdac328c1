import { checkSuggestion, isInRegion, maskPhone, type SuggestionInput } from '@hcp/domain';
import type { Database } from '../db/database.ts';
import { AppError, invalid, notFound, unknownReference } from '../errors.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import { NATIONAL_REGION } from '../repositories/evaluation.repository.ts';
import type { OrganisationRepository } from '../repositories/organisation.repository.ts';
import type { PublicChannelRepository } from '../repositories/public-channel.repository.ts';
import type { RegionRepository } from '../repositories/region.repository.ts';
import type { SuggestionRepository } from '../repositories/suggestion.repository.ts';
import type { PiiCipher } from '../security/pii-cipher.ts';
import { auditActor, listScope, requireInScope, requirePermission, type Ctx } from './actor.ts';
import type { EvaluationService } from './evaluation.service.ts';
import type { PublicRateLimiter } from './public-rate-limit.ts';

/** A suggestion as the public sends it, and what it concerns (all optional; the most specific wins). */
export interface NewSuggestion extends SuggestionInput {
  regionCode?: string | null;
  unitId?: number | null;
  /** The public QR key of a window, when the form was opened from a window's page. */
  windowKey?: string | null;
  idempotencyKey?: string | null;
}

/**
 * The suggestion box (意见箱, seed 000 §4(3)): an anonymous questionnaire with a free text, checked
 * against the questions of the policy in force where it points (or the national one), optionally
 * with a contact phone kept encrypted. Staff read the suggestions of their data scope.
 */
export class SuggestionService {
  constructor(
    private readonly db: Database,
    private readonly suggestions: SuggestionRepository,
    private readonly publicRepo: PublicChannelRepository,
    private readonly orgs: OrganisationRepository,
    private readonly regions: RegionRepository,
    private readonly evaluations: EvaluationService,
    private readonly limiter: PublicRateLimiter,
    private readonly cipher: PiiCipher,
    private readonly audit: AuditRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The questions and limits of the form; opened from a window's page, also that window. */
  async form(windowKey?: string) {
    const target = await this.target({ windowKey: windowKey ?? null });
    const { policy, version } = await this.evaluations.policyFor(target.regionCode ?? NATIONAL_REGION);
    return { policyVersion: version, questions: policy.suggestionQuestions, textMaxLength: policy.textMaxLength, window: target.windowName ? { name: target.windowName } : null };
  }

  searchUnits(q: string) {
    return this.suggestions.searchUnits(q.trim(), 20);
  }

  async submit(ctx: Ctx, input: NewSuggestion, ip: string): Promise<{ id: number; createdAt: Date }> {
    if (input.idempotencyKey) {
      // A retry after the first attempt was stored gets the first answer, not a second row or a 429.
      const earlier = await this.suggestions.findByIdempotencyKey(input.idempotencyKey);
      if (earlier) return { id: earlier.id, createdAt: earlier.created_at };
    }
    const target = await this.target(input);
    const p = await this.evaluations.policyFor(target.regionCode ?? NATIONAL_REGION);
    const ipHash = this.limiter.ipHash(ip);
    await this.limiter.take('suggest:ip', ipHash, p.policy.suggestionsPerIpPerHour, this.now());
    const problems = checkSuggestion(p.policy, input);
    if (problems.length) throw new AppError('VALIDATION_FAILED', `${problems[0]!.field}: ${problems[0]!.reason}`, problems[0]!.field, problems);
    const phone = input.contactPhone?.trim() || null;
    const row = await this.db.transaction().execute(async (trx) => {
      const row = await this.suggestions.insert(trx, {
        region_code: target.regionCode,
        org_id: target.orgId,
        org_path: target.orgPath,
        window_id: target.windowId,
        answers: JSON.stringify(input.answers ?? {}),
        text: input.text?.trim() || null,
        contact_phone_enc: phone ? this.cipher.encrypt(phone) : null,
        contact_phone_masked: phone ? maskPhone(phone) : null,
        policy_id: p.id,
        ip_hash: ipHash,
        idempotency_key: input.idempotencyKey ?? null,
      });
      if (row) await this.audit.append(trx, { ...auditActor(ctx), action: 'suggestion.submit', targetType: 'suggestion', targetId: row.id, detail: { regionCode: target.regionCode, orgId: target.orgId } });
      return row;
    });
    if (row) return { id: row.id, createdAt: row.created_at };
    // The same key arrived twice at the same instant; the one stored answers both.
    const earlier = await this.suggestions.findByIdempotencyKey(input.idempotencyKey!);
    return { id: earlier!.id, createdAt: earlier!.created_at };
  }

  /** Suggestions in the caller's data scope, newest first, contact phones masked. */
  async list(ctx: Ctx, f: { regionCode?: string; unitId?: number; beforeId?: number; limit: number }) {
    requirePermission(ctx, 'case.read');
    let orgPath: string | undefined;
    if (f.unitId !== undefined) {
      const org = await this.orgs.find(f.unitId);
      if (!org) throw notFound('organisation', 'unitId');
      requireInScope(ctx, { regionCode: org.region_code, orgPath: org.path }, 'organisation');
      orgPath = org.path;
    }
    if (f.regionCode) requireInScope(ctx, { regionCode: f.regionCode }, 'region');
    return this.suggestions.list(listScope(ctx), { ...(f.regionCode ? { regionCode: f.regionCode } : {}), ...(orgPath ? { orgPath } : {}), ...(f.beforeId ? { beforeId: f.beforeId } : {}), limit: f.limit });
  }

  /** Where a suggestion points: a window (by its QR key), a unit, a region, or nowhere in particular. */
  private async target(input: Pick<NewSuggestion, 'regionCode' | 'unitId' | 'windowKey'>) {
    let org: { id: number; region_code: string; path: string; kind: string; name: string } | undefined;
    let windowId: number | null = null;
    if (input.windowKey) {
      const w = await this.publicRepo.windowByPublicKey(input.windowKey);
      if (!w) throw unknownReference('windowKey', 'no window with this key');
      org = { id: w.id, region_code: w.region_code, path: w.path, kind: 'window', name: w.name };
      windowId = w.id;
    } else if (input.unitId) {
      const u = await this.orgs.find(input.unitId);
      if (!u || u.kind !== 'unit' || !u.active) throw unknownReference('unitId', `no unit ${input.unitId}`);
      org = u;
    }
    if (input.regionCode) {
      if (!(await this.regions.find(input.regionCode))) throw unknownReference('regionCode', `no region ${input.regionCode}`);
      if (org && !isInRegion(org.region_code, input.regionCode)) throw invalid('regionCode', 'the unit or window is not in this region');
    }
    return {
      regionCode: org?.region_code ?? input.regionCode ?? null,
      orgId: org?.id ?? null,
      orgPath: org?.path ?? null,
      windowId,
      windowName: windowId ? org!.name : null,
    };
  }
}
