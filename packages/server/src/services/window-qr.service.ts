import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { isMobilePhone, maskCaseNo, maskPhone, normalisePersonName, type EvaluationPolicy } from '@hcp/domain';
import type { Database } from '../db/database.ts';
import { AppError, invalid, notFound } from '../errors.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { OrganisationRepository } from '../repositories/organisation.repository.ts';
import type { PublicChannelRepository } from '../repositories/public-channel.repository.ts';
import type { PiiCipher } from '../security/pii-cipher.ts';
import { auditActor, requireInScope, requirePermission, type Ctx } from './actor.ts';
import type { EvaluationService } from './evaluation.service.ts';
import type { PublicRateLimiter } from './public-rate-limit.ts';
import type { PublicEvaluationService } from './public-evaluation.service.ts';
import type { SmsService } from './sms.service.ts';

const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest();
const DAY = 86_400_000;
/** At most this many cases are offered at once; a person rarely has more at one window in a month. */
const MAX_CASES = 20;

const codeProblem = (reason: 'unknown' | 'expired' | 'wrong' | 'locked', message: string) =>
  new AppError('TOKEN_INVALID', message, 'code', [{ field: 'code', reason }]);

/** One case a person identified at a window may rate, with its session token. */
export interface IdentifiedCase {
  caseNo: string;
  itemName: string;
  completedAt: Date | null;
  token: string;
}

/**
 * The QR code at a window (窗口二维码, channel 3): `/q/<window key>`. The evaluator identifies the
 * case either by the phone used when applying plus an SMS one-time code, or by case number plus
 * applicant name; each identified case gets a real-name session on channel qr_code. Answers never
 * tell whether a phone or case number exists.
 */
export class WindowQrService {
  constructor(
    private readonly db: Database,
    private readonly repo: PublicChannelRepository,
    private readonly orgs: OrganisationRepository,
    private readonly evaluations: EvaluationService,
    private readonly sessions: PublicEvaluationService,
    private readonly sms: SmsService,
    private readonly limiter: PublicRateLimiter,
    private readonly cipher: PiiCipher,
    private readonly audit: AuditRepository,
    private readonly publicBaseUrl: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private async window(key: string) {
    const w = /^[A-Za-z0-9_-]{6,24}$/.test(key) ? await this.repo.windowByPublicKey(key) : undefined;
    if (!w) throw notFound('window', 'key');
    const { policy } = await this.evaluations.policyFor(w.region_code);
    return { ...w, policy };
  }

  /** What the QR page shows before anything is asked: the window, its hall and the units serving there. */
  async describe(key: string) {
    const w = await this.window(key);
    return { name: w.name, hallName: w.hall_name, regionName: w.region_name, units: await this.repo.unitNamesAtWindow(w.id), otpValidMinutes: w.policy.otpValidMinutes, lookbackDays: w.policy.qrLookbackDays };
  }

  /** The QR link of a window for staff to print (permission masterdata.read, in scope). */
  async publicLink(ctx: Ctx, windowId: number) {
    requirePermission(ctx, 'masterdata.read');
    const w = await this.orgs.find(windowId);
    if (!w || w.kind !== 'window') throw notFound('window', 'id');
    requireInScope(ctx, { regionCode: w.region_code, orgPath: w.path }, 'window');
    return { windowId: w.id, publicKey: w.public_key, url: `${this.publicBaseUrl}/q/${w.public_key}` };
  }

  /**
   * Sends a code when the phone has a case completed at this window within the lookback period;
   * answers the same either way. Limits count every request, whether or not a code went out.
   */
  async requestCode(ctx: Ctx, key: string, phone: string, ip: string): Promise<{ validMinutes: number }> {
    const w = await this.window(key);
    if (!isMobilePhone(phone)) throw invalid('phone', 'a mobile number of 11 digits');
    const now = this.now();
    const bidx = this.cipher.blindIndex('phone', phone);
    await this.limiter.take('otp:ip', this.limiter.ipHash(ip), w.policy.otpPerIpPerHour, now);
    await this.limiter.take('otp:phone', bidx, w.policy.otpPerPhonePerHour, now);
    if (await this.repo.hasCaseAtWindow(w.id, bidx, this.since(w.policy, now))) {
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const salt = randomBytes(16).toString('hex');
      await this.db.transaction().execute(async (trx) => {
        const id = await this.repo.insertOtp(trx, {
          window_id: w.id, phone_bidx: bidx, salt, code_hash: sha256(`${salt}:${code}`).toString('hex'), max_attempts: w.policy.otpMaxAttempts,
          expires_at: new Date(now.getTime() + w.policy.otpValidMinutes * 60_000),
        }, now);
        const body = `【好差评】验证码 ${code}，${w.policy.otpValidMinutes} 分钟内有效，用于评价“${w.name}”的办件。如非本人操作请忽略。`;
        await this.sms.queue(trx, { phone, body, purpose: 'otp', ref: `otp:${id}` });
        await this.audit.append(trx, { ...auditActor(ctx), action: 'public.qr.code_sent', targetType: 'window', targetId: w.id, detail: { otpId: id, phone: maskPhone(phone) } });
      });
    }
    return { validMinutes: w.policy.otpValidMinutes };
  }

  /** Checks the code (each try counted first) and opens a session for every case the phone may still rate there. */
  async identifyByCode(ctx: Ctx, key: string, phone: string, code: string, ip: string): Promise<IdentifiedCase[]> {
    const w = await this.window(key);
    if (!isMobilePhone(phone)) throw invalid('phone', 'a mobile number of 11 digits');
    const now = this.now();
    await this.limiter.take('identify:ip', this.limiter.ipHash(ip), w.policy.identifyPerIpPerHour, now);
    const bidx = this.cipher.blindIndex('phone', phone);
    const otp = await this.repo.latestOtp(w.id, bidx);
    if (!otp || otp.used_at) throw codeProblem('unknown', 'no code is waiting for this number; please ask for a new one');
    if (otp.expires_at.getTime() <= now.getTime()) throw codeProblem('expired', 'this code has expired; please ask for a new one');
    const attempts = await this.repo.spendOtpAttempt(otp.id);
    if (attempts === undefined) throw codeProblem('locked', 'too many wrong codes; please ask for a new one');
    const given = sha256(`${otp.salt}:${code}`);
    if (!timingSafeEqual(given, Buffer.from(otp.code_hash, 'hex'))) {
      const left = otp.max_attempts - attempts;
      throw left > 0 ? codeProblem('wrong', `wrong code; ${left} tries left`) : codeProblem('locked', 'too many wrong codes; please ask for a new one');
    }
    const found = await this.repo.casesByPhoneAtWindow(w.id, bidx, this.since(w.policy, now), MAX_CASES);
    const open: typeof found = [];
    for (const c of found) if (await this.rateable(c.id, now)) open.push(c);
    const expiresAt = this.sessionExpiry(w.policy, now);
    return this.db.transaction().execute(async (trx) => {
      if (!(await this.repo.markOtpUsed(trx, otp.id, now))) throw codeProblem('unknown', 'this code has been used already; please ask for a new one');
      const result: IdentifiedCase[] = [];
      for (const c of open) {
        const token = await this.sessions.open(trx, { caseId: c.id, channel: 'qr_code', realName: true, sourceRef: `qr:${w.id}`, expiresAt });
        result.push({ caseNo: maskCaseNo(c.case_no), itemName: c.item_name, completedAt: c.completed_at, token });
      }
      await this.audit.append(trx, { ...auditActor(ctx), action: 'public.qr.identify', targetType: 'window', targetId: w.id, detail: { method: 'sms_code', caseIds: open.map((c) => c.id) } });
      return result;
    });
  }

  /**
   * Identifies one case by its number and the applicant's name: only that case's encrypted name is
   * decrypted and compared. A wrong name and an unknown number get the same answer.
   */
  async identifyByCase(ctx: Ctx, key: string, caseNo: string, name: string, ip: string): Promise<IdentifiedCase> {
    const w = await this.window(key);
    const now = this.now();
    await this.limiter.take('identify:ip', this.limiter.ipHash(ip), w.policy.identifyPerIpPerHour, now);
    const c = await this.repo.caseByNoAtWindow(w.id, caseNo.trim(), this.since(w.policy, now));
    const stored = c?.applicant_name_enc ? normalisePersonName(this.cipher.decrypt(c.applicant_name_enc)) : '';
    const same = !!stored && timingSafeEqual(sha256(stored), sha256(normalisePersonName(name)));
    if (!c || !same) throw notFound(`a case with this number and applicant name completed at this window in the last ${w.policy.qrLookbackDays} days`, 'caseNo');
    const token = await this.db.transaction().execute(async (trx) => {
      const token = await this.sessions.open(trx, { caseId: c.id, channel: 'qr_code', realName: true, sourceRef: `qr:${w.id}`, expiresAt: this.sessionExpiry(w.policy, now) });
      await this.audit.append(trx, { ...auditActor(ctx), action: 'public.qr.identify', targetType: 'window', targetId: w.id, detail: { method: 'case_no', caseIds: [c.id] } });
      return token;
    });
    return { caseNo: c.case_no, itemName: c.item_name, completedAt: c.completed_at, token };
  }

  private since(policy: EvaluationPolicy, now: Date) {
    return new Date(now.getTime() - policy.qrLookbackDays * DAY);
  }

  private sessionExpiry(policy: EvaluationPolicy, now: Date) {
    return new Date(now.getTime() + policy.publicSessionMinutes * 60_000);
  }

  /** Open for its first rating now: the list offers only cases that can still be rated. */
  private async rateable(caseId: number, now: Date): Promise<boolean> {
    const o = await this.evaluations.openness(caseId);
    return !!o.opensAt && o.opensAt.getTime() <= now.getTime() && o.firstRound !== null;
  }
}
