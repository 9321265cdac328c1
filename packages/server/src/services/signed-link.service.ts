import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { signedLinkExpiryProblem, signedLinkMessage, type SignedLinkFields } from '@hcp/domain';
import type { Database } from '../db/database.ts';
import { AppError, unknownReference } from '../errors.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { CaseRepository } from '../repositories/case.repository.ts';
import type { IntegrationRepository } from '../repositories/integration.repository.ts';
import type { PlatformRepository } from '../repositories/platform.repository.ts';
import type { PublicChannelRepository } from '../repositories/public-channel.repository.ts';
import type { RegionRepository } from '../repositories/region.repository.ts';
import { auditActor, type Ctx } from './actor.ts';
import type { EvaluationService } from './evaluation.service.ts';
import type { IntegrationService } from './integration.service.ts';
import type { PublicEvaluationService } from './public-evaluation.service.ts';

export interface SignedLink extends SignedLinkFields {
  /** Hex HMAC-SHA256 of signedLinkMessage(fields) under the integration's secret. */
  sig: string;
}

const invalid = (reason: 'forged' | 'expired' | 'expiry_too_far' | 'used', field: string, message: string) =>
  new AppError('TOKEN_INVALID', message, field, [{ field, reason }]);

/**
 * Signed links from a service portal (PC 端 / 移动端): the portal, which has logged the applicant in,
 * sends them to `/e/s?k&c&x&p&ch&sig`; we check the signature with the integration's secret and
 * open a real-name session for the case. Each link opens one session (replays are refused until the
 * link would have expired anyway). See docs/integration/signed-links.md.
 */
export class SignedLinkService {
  constructor(
    private readonly db: Database,
    private readonly integrationRepo: IntegrationRepository,
    private readonly integrations: IntegrationService,
    private readonly cases: CaseRepository,
    private readonly platforms: PlatformRepository,
    private readonly regions: RegionRepository,
    private readonly evaluations: EvaluationService,
    private readonly sessions: PublicEvaluationService,
    private readonly repo: PublicChannelRepository,
    private readonly audit: AuditRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async open(ctx: Ctx, link: SignedLink): Promise<{ token: string; expiresAt: Date }> {
    const now = this.now();
    const forged = () => invalid('forged', 'sig', 'this evaluation link is not valid');
    // Signature first: whatever else is wrong with an unsigned link, it is forged.
    const integration = await this.integrationRepo.findByKeyId(link.k);
    if (!integration) throw forged();
    const secret = await this.integrations.secretOf(integration.id);
    const expected = createHmac('sha256', secret).update(signedLinkMessage(link)).digest();
    const given = /^[0-9a-fA-F]{64}$/.test(link.sig) ? Buffer.from(link.sig, 'hex') : Buffer.alloc(0);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw forged();
    if (link.x <= Math.floor(now.getTime() / 1000)) throw invalid('expired', 'x', 'this evaluation link has expired');

    // A key signs only for the cases of its own units; anything else is treated like a forgery.
    const c = await this.cases.findByCaseNo(link.c);
    if (!c || !integration.units.some((u) => c.org_path.startsWith(u.path))) throw forged();
    const { policy } = await this.evaluations.policyFor(c.region_code);
    const problem = signedLinkExpiryProblem(policy, link.x, now);
    if (problem) throw invalid(problem, 'x', problem === 'expired' ? 'this evaluation link has expired' : `the link may expire at most ${policy.signedLinkMaxHours} hours ahead`);
    const platformId = link.p ? await this.platformOf(link.p, c.region_code) : null;

    const expiresAt = new Date(now.getTime() + policy.publicSessionMinutes * 60_000);
    const token = await this.db.transaction().execute(async (trx) => {
      const first = await this.repo.useSignature(trx, { sig_hash: createHash('sha256').update(expected).digest('hex'), integration_id: integration.id, case_id: c.id, expires_at: new Date(link.x * 1000) }, now);
      if (!first) throw invalid('used', 'sig', 'this evaluation link has been used already');
      const token = await this.sessions.open(trx, { caseId: c.id, channel: link.ch, realName: true, platformId, sourceRef: `signed:${integration.key_id}`, expiresAt });
      await this.audit.append(trx, { ...auditActor(ctx), action: 'public.signed_link.open', targetType: 'case', targetId: c.id, detail: { integrationId: integration.id, channel: link.ch, platformId } });
      return token;
    });
    return { token, expiresAt };
  }

  /** The platform with this code in the case's region or its nearest ancestor that has one. */
  private async platformOf(code: string, regionCode: string): Promise<number> {
    const candidates = (await this.platforms.findByCodes([code])).filter((p) => p.active);
    const chain = (await this.regions.ancestors(regionCode)).reverse();
    for (const region of chain) {
      const hit = candidates.find((p) => p.region_code === region);
      if (hit) return hit.id;
    }
    throw unknownReference('p', `no platform ${code} in the case’s region`);
  }
}
