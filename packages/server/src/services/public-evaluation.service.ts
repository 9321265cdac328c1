import { createHash, randomBytes } from 'node:crypto';
import type { EvaluationChannel, Submission } from '@hcp/domain';
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import type { Executor } from '../repositories/audit.repository.ts';
import type { EvaluationSessionRepository } from '../repositories/evaluation-session.repository.ts';
import type { Ctx } from './actor.ts';
import type { EvaluationService } from './evaluation.service.ts';

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export interface SessionGrant {
  caseId: number;
  channel: EvaluationChannel;
  /** Whether the channel proved the evaluator is the applicant (signed link, invitation to their phone, one-time code). */
  realName: boolean;
  platformId?: number | null;
  sourceRef?: string | null;
  expiresAt: Date;
}

/**
 * The evaluator's side of every public channel. A channel that has established who may rate which
 * case opens a session; the evaluation page reads the form and submits through the session. A
 * session is single-use: once its rating is stored, the link answers "already used".
 */
export class PublicEvaluationService {
  constructor(
    private readonly sessions: EvaluationSessionRepository,
    private readonly evaluations: EvaluationService,
    /** The keyed hash a submitting address is stored under (for burst detection); the address itself is never stored. */
    private readonly ipHash?: (ip: string) => string,
  ) {}

  /** Opens a session in the caller's transaction and returns its token (12 URL-safe characters, shown once). */
  async open(db: Executor, grant: SessionGrant): Promise<string> {
    return (await this.openWithId(db, grant)).token;
  }

  /** open(), also answering the session's id, for a channel that keeps a reference to it (an SMS invitation). */
  async openWithId(db: Executor, grant: SessionGrant): Promise<{ id: number; token: string }> {
    const token = randomBytes(9).toString('base64url');
    const id = await this.sessions.insert(db, {
      token_hash: hashOf(token),
      case_id: grant.caseId,
      channel: grant.channel,
      real_name: grant.realName,
      platform_id: grant.platformId ?? null,
      source_ref: grant.sourceRef ?? null,
      expires_at: grant.expiresAt,
    });
    return { id, token };
  }

  private async session(token: string, now: Date) {
    return this.usable(/^[A-Za-z0-9_-]{8,64}$/.test(token) ? await this.sessions.findByTokenHash(hashOf(token)) : undefined, now);
  }

  private usable<S extends { evaluation_id: number | null; expires_at: Date }>(s: S | undefined, now: Date): S {
    if (!s) throw new AppError('TOKEN_INVALID', 'this evaluation link is not valid', 'token', [{ field: 'token', reason: 'unknown' }]);
    if (s.evaluation_id) throw new AppError('TOKEN_INVALID', 'this evaluation link has been used already', 'token', [{ field: 'token', reason: 'used' }]);
    if (s.expires_at.getTime() <= now.getTime()) throw new AppError('TOKEN_INVALID', 'this evaluation link has expired', 'token', [{ field: 'token', reason: 'expired' }]);
    return s;
  }

  /** What the evaluation page shows: the case in plain words and the form of its policy version. */
  async form(token: string, now = new Date()) {
    const s = await this.session(token, now);
    const o = await this.evaluations.openness(s.case_id);
    const p = o.policy.policy;
    const mode = s.case_mode;
    return {
      caseNo: s.case_no,
      itemName: s.item_name,
      unitName: s.unit_name,
      windowName: s.window_name,
      completedAt: s.completed_at,
      applicant: s.real_name ? s.applicant_name_masked : null,
      mode,
      channel: s.channel,
      expiresAt: s.expires_at,
      state: !o.opensAt || o.opensAt.getTime() > now.getTime() ? ('not_open' as const) : o.firstRound === null ? ('evaluated' as const) : ('open' as const),
      policy: {
        version: o.policy.version,
        levels: ([5, 4, 3, 2, 1] as const).map((level) => ({ level, ...p.levels[level], bad: p.badLevels.includes(level) })),
        tags: p.tags,
        content: p.content[mode],
        textMaxLength: p.textMaxLength,
        badRatingNeeds: p.badRatingNeeds,
      },
    };
  }

  /** `clientIp` is the address the page was submitted from; only its keyed hash is kept with the rating. */
  async submit(ctx: Ctx, token: string, input: Submission & { idempotencyKey?: string | null; clientIp?: string }, now = new Date()) {
    const s = /^[A-Za-z0-9_-]{8,64}$/.test(token) ? await this.sessions.findForSubmit(hashOf(token)) : undefined;
    // A retry after the first attempt succeeded finds its session used; the key returns the first answer,
    // but only for this session's case, so a guessed key tells nothing about another case. (An unused
    // session has had no rating committed through it; record() itself still honours the key.)
    const replay = s?.evaluation_id && (await this.replayFor(s.case_id, input.idempotencyKey));
    if (replay) return replay;
    return this.submitTo(ctx, this.usable(s, now), input);
  }

  private async replayFor(caseId: number, key: string | null | undefined) {
    const replay = key ? await this.evaluations.replayByKey(key) : undefined;
    return replay?.caseId === caseId ? replay : undefined;
  }

  /**
   * submit() through a session known by id: the SMS reply channel holds the invitation's reference to
   * its session, never the token. `inSameTransaction` commits with the rating (the reply's record).
   */
  async submitToSession(
    ctx: Ctx,
    sessionId: number,
    input: Submission & { idempotencyKey?: string | null },
    now = new Date(),
    inSameTransaction?: (trx: Transaction<DB>, evaluationId: number) => Promise<void>,
  ) {
    const s = await this.sessions.findById(sessionId);
    const replay = s && (await this.replayFor(s.case_id, input.idempotencyKey));
    if (replay) return replay;
    return this.submitTo(ctx, this.usable(s, now), input, inSameTransaction);
  }

  private submitTo(
    ctx: Ctx,
    s: { id: number; case_id: number; channel: string; real_name: boolean; platform_id: number | null; source_ref: string | null },
    { clientIp, ...input }: Submission & { idempotencyKey?: string | null; clientIp?: string },
    inSameTransaction?: (trx: Transaction<DB>, evaluationId: number) => Promise<void>,
  ) {
    const clientIpHash = clientIp && this.ipHash ? this.ipHash(clientIp) : null;
    return this.evaluations.record(
      ctx,
      { ...input, clientIpHash, caseId: s.case_id, channel: s.channel as EvaluationChannel, realName: s.real_name, platformId: s.platform_id, sourceRef: s.source_ref ?? `session:${s.id}` },
      async (trx, evaluationId) => {
        if (!(await this.sessions.markUsed(trx, s.id, evaluationId))) {
          throw new AppError('TOKEN_INVALID', 'this evaluation link has been used already', 'token', [{ field: 'token', reason: 'used' }]);
        }
        await inSameTransaction?.(trx, evaluationId);
      },
    );
  }
}
