import { createHash } from 'node:crypto';
import { STAFF_ENTERED_CHANNELS, type EvaluationChannel, type Submission } from '@hcp/domain';
import type { Database } from '../db/database.ts';
import { AppError, forbidden, invalid, notFound } from '../errors.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { CaseRepository } from '../repositories/case.repository.ts';
import type { EvaluationScanRepository } from '../repositories/evaluation-scan.repository.ts';
import type { EvaluationRepository } from '../repositories/evaluation.repository.ts';
import { sniffScanType } from '../security/content-sniff.ts';
import { auditActor, requireInScope, requirePermission, requireUser, type Ctx } from './actor.ts';
import type { EvaluationService, RecordedEvaluation } from './evaluation.service.ts';

/** Largest scan of a paper form accepted; an upload limit of the server, not a rule of a region. */
export const SCAN_MAX_BYTES = 5 * 1024 * 1024;

/** A rating given by phone (12345), on a paper form (书面评价表), by e-mail or WeChat, entered by staff. */
export interface StaffEntry extends Submission {
  caseId?: number;
  caseNo?: string;
  visitNo?: number;
  channel: EvaluationChannel;
  realName?: boolean;
  followUp?: boolean;
  idempotencyKey?: string;
  /** Where the paper form is archived, when its scan is not uploaded here. */
  scanRef?: string;
}

export interface ScanUpload {
  bytes: Buffer;
}

/**
 * Ratings entered by staff for evaluators who gave them outside our own channels. Operators and
 * supervisors may do it within their data scope; unit staff may not, since nobody rates their own
 * cases. The rating itself goes through EvaluationService.record like every other, naming who
 * entered it; a paper form's scan commits in the same transaction as the rating.
 */
export class EvaluationEntryService {
  constructor(
    private readonly db: Database,
    private readonly cases: CaseRepository,
    private readonly evaluations: EvaluationRepository,
    private readonly scans: EvaluationScanRepository,
    private readonly evaluationService: EvaluationService,
    private readonly audit: AuditRepository,
  ) {}

  async enter(ctx: Ctx, entry: StaffEntry, scan?: ScanUpload): Promise<RecordedEvaluation & { scanStored: boolean }> {
    requirePermission(ctx, 'evaluation.enter');
    const user = requireUser(ctx);
    if (!STAFF_ENTERED_CHANNELS.includes(entry.channel)) throw invalid('channel', `staff enter ratings of ${STAFF_ENTERED_CHANNELS.join(', ')} only`);
    if ((entry.caseId === undefined) === (entry.caseNo === undefined)) throw invalid('caseId', 'give either caseId or caseNo');
    const checked = scan ? this.checkScan(scan, entry.scanRef) : undefined;
    if (entry.channel === 'paper' && !checked && !entry.scanRef) throw invalid('scan', 'a paper form needs its scan (PDF, JPEG or PNG) or a scanRef to where it is archived');

    const c = entry.caseId !== undefined ? await this.cases.find(entry.caseId) : await this.cases.findByCaseNo(entry.caseNo!);
    if (!c) throw notFound('case', entry.caseId !== undefined ? 'caseId' : 'caseNo');
    requireInScope(ctx, { regionCode: c.region_code, orgPath: c.org_path }, 'case');
    if (user.staffId !== null && c.staff_id === user.staffId) throw forbidden('nobody enters a rating of a case they handled');

    const recorded = await this.evaluationService.record(
      ctx,
      {
        caseId: c.id,
        ...(entry.visitNo !== undefined ? { visitNo: entry.visitNo } : {}),
        followUp: !!entry.followUp,
        channel: entry.channel,
        level: entry.level,
        tags: entry.tags ?? [],
        text: entry.text ?? null,
        scores: entry.scores ?? {},
        realName: !!entry.realName,
        enteredBy: user.userId,
        scanRef: checked ? `sha256:${checked.sha256}` : (entry.scanRef ?? null),
        idempotencyKey: entry.idempotencyKey ?? null,
      },
      checked ? (trx, evaluationId) => this.scans.insert(trx, { evaluationId, contentType: checked.contentType, bytes: scan!.bytes, sha256: checked.sha256, uploadedBy: user.userId }).then(() => undefined) : undefined,
    );
    return { ...recorded, scanStored: !!checked };
  }

  /**
   * The stored scan of an evaluation. A paper form carries the evaluator's handwriting and often
   * their name, so reading it is reading personal data: permission pii.unmask, a stated reason, and
   * an audit record before the bytes leave.
   */
  async scan(ctx: Ctx, evaluationId: number, reason: string) {
    requirePermission(ctx, 'pii.unmask');
    const why = reason.trim();
    if (Array.from(why).length < 5) throw invalid('reason', 'state a reason of at least 5 characters');
    const e = await this.evaluations.find(evaluationId);
    if (!e) throw notFound('evaluation', 'id');
    requireInScope(ctx, { regionCode: e.region_code, orgPath: e.org_path }, 'evaluation');
    const s = await this.scans.findByEvaluation(evaluationId);
    if (!s) throw new AppError('NOT_FOUND', e.scan_ref ? `the form of evaluation ${evaluationId} is archived elsewhere: ${e.scan_ref}` : `evaluation ${evaluationId} has no scan`, 'id');
    await this.db.transaction().execute((trx) =>
      this.audit.append(trx, { ...auditActor(ctx), action: 'evaluation.scan.read', targetType: 'evaluation', targetId: evaluationId, detail: { sha256: s.sha256, reason: why } }),
    );
    return { contentType: s.content_type, bytes: s.bytes, sha256: s.sha256 };
  }

  private checkScan(scan: ScanUpload, scanRef: string | undefined) {
    if (scanRef) throw invalid('scanRef', 'send either a scan or a scanRef, not both');
    if (scan.bytes.length === 0) throw invalid('scan', 'the file is empty');
    if (scan.bytes.length > SCAN_MAX_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `scan: at most ${SCAN_MAX_BYTES / 1024 / 1024} MB`, 'scan', [{ field: 'scan', reason: 'too large' }]);
    const contentType = sniffScanType(scan.bytes);
    if (!contentType) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'scan: only PDF, JPEG or PNG (recognised by content, not by name)', 'scan', [{ field: 'scan', reason: 'not a PDF, JPEG or PNG' }]);
    return { contentType, sha256: createHash('sha256').update(scan.bytes).digest('hex') };
  }
}
