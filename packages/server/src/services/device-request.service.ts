import {
  LEVELS,
  effectiveDeviceRequestStatus,
  isBadLevel,
  isInRegion,
  maskCaseNo,
  nextRound,
  type DeviceRequestStatus,
  type Indicator,
  type ReasonRule,
  type ReasonTag,
  type Submission,
} from '@hcp/domain';
import type { Database } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { CaseRepository } from '../repositories/case.repository.ts';
import type { DeviceRepository, DeviceWithWindow } from '../repositories/device.repository.ts';
import { auditActor, requireInScope, requirePermission, type Ctx } from './actor.ts';
import { deviceEvaluatorCtx, type DeviceNotifier, type DeviceService } from './device.service.ts';
import type { EvaluationService } from './evaluation.service.ts';

export interface InviteInput {
  /** One of the two: staff name the case by id, approval systems by their case number. */
  caseId?: number;
  caseNo?: string;
  windowId: number;
  visitNo?: number;
}

/** What the rating screen needs: the case as the evaluator recognises it and the policy's choices. */
export interface EvaluateEvent {
  requestId: number;
  caseNo: string;
  itemName: string;
  mode: 'online' | 'offline';
  expiresAt: string;
  levels: { level: number; zh: string; en: string; bad: boolean }[];
  tags: ReasonTag[];
  content: Indicator[];
  badRatingNeeds: ReasonRule;
  textMaxLength: number;
}

/** What staff and approval systems may know of a request: whether the evaluator finished, never how. */
export interface RequestProgress {
  requestId: number;
  status: DeviceRequestStatus;
  windowId: number;
  caseNo: string;
  createdAt: Date;
  expiresAt: Date;
  finishedAt: Date | null;
}

/**
 * Requests to the window device to show the rating screen (评价请求), and the ratings it sends back.
 * The rating goes to EvaluationService.record through channel `device`; nobody but the device ever
 * gets an answer that depends on it, so the clerk cannot see how they were rated.
 */
export class DeviceRequestService {
  constructor(
    private readonly db: Database,
    private readonly devices: DeviceRepository,
    private readonly cases: CaseRepository,
    private readonly deviceService: DeviceService,
    private readonly evaluations: EvaluationService,
    private readonly audit: AuditRepository,
    private readonly notifier: DeviceNotifier,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Asks the device at a window to show the rating screen for a case. A request still open on that
   * device is cancelled: the screen shows one case at a time, the latest one asked for.
   */
  async invite(ctx: Ctx, input: InviteInput): Promise<{ requestId: number; status: 'sent'; expiresAt: Date }> {
    const a = ctx.actor;
    if (a.kind !== 'integration') requirePermission(ctx, 'device.invite');
    if (a.kind !== 'user' && a.kind !== 'integration') throw new AppError('FORBIDDEN', 'only staff and approval systems ask for ratings');
    const caseField = input.caseNo !== undefined ? 'caseNo' : 'caseId';
    const c = input.caseNo !== undefined ? await this.cases.findByCaseNo(input.caseNo) : await this.cases.find(input.caseId ?? 0);
    if (!c) throw notFound('case', caseField);
    requireInScope(ctx, { regionCode: c.region_code, orgPath: c.org_path }, 'case');
    // An approval system knows the window its clerk sits at, but not always whose staff work there:
    // it may also use any window in the region of its case.
    const window = await this.deviceService.windowFor(ctx, input.windowId, 'windowId', (win) => a.kind === 'integration' && isInRegion(win.region_code, c.region_code));
    const device = await this.devices.activeForWindow(window.id);
    if (!device || !device.token_hash) throw new AppError('DEVICE_NOT_PAIRED', `window ${window.id} (${window.name}) has no paired rating device`, 'windowId');
    const visitNo = input.visitNo ?? 1;
    // Refused now rather than after the evaluator has pressed a button.
    const o = await this.evaluations.opennessOfVisit(c.id, visitNo);
    if (!o.opensAt || o.opensAt.getTime() > this.now().getTime()) {
      throw new AppError('EVALUATION_NOT_OPEN', `case ${c.case_no} is not open for evaluation yet (opens at stage ${o.policy.policy.opensAt})`, caseField);
    }
    if (nextRound(o.policy.policy, o.rounds, false) === null) throw new AppError('ALREADY_EVALUATED', `case ${c.case_no} has been evaluated already`, caseField);
    const createdAt = this.now();
    const expiresAt = new Date(createdAt.getTime() + o.policy.policy.deviceRequestMinutes * 60_000);
    const requestId = await this.db.transaction().execute(async (trx) => {
      await this.devices.lock(trx, device.id);
      const cancelled = await this.devices.cancelOpen(trx, device.id, createdAt);
      const id = await this.devices.insertRequest(trx, {
        device_id: device.id,
        case_id: c.id,
        visit_no: visitNo,
        requested_by_kind: a.kind,
        requested_by_id: a.kind === 'user' ? a.userId : a.integrationId,
        created_at: createdAt,
        expires_at: expiresAt,
      });
      await this.audit.append(trx, { ...auditActor(ctx), action: 'device.invite', targetType: 'device_request', targetId: id, detail: { deviceId: device.id, windowId: window.id, caseId: c.id, visitNo, cancelled } });
      return id;
    });
    this.notifier.notify(device.id);
    return { requestId, status: 'sent', expiresAt };
  }

  /** Whether the evaluator finished; the level, tags and text are never part of it. */
  async progress(ctx: Ctx, requestId: number): Promise<RequestProgress> {
    if (ctx.actor.kind !== 'integration') requirePermission(ctx, 'device.invite');
    const r = await this.devices.findRequest(requestId);
    if (!r) throw notFound('device request', 'id');
    requireInScope(ctx, { regionCode: r.case_region_code, orgPath: r.case_org_path }, 'device request');
    return {
      requestId: r.id,
      status: effectiveDeviceRequestStatus(r.status, r.expires_at, this.now()),
      windowId: r.window_id,
      caseNo: r.case_no,
      createdAt: r.created_at,
      expiresAt: r.expires_at,
      finishedAt: r.finished_at,
    };
  }

  /** The rating screen's content for an open request, or null when the request is gone. */
  async evaluateEvent(requestId: number): Promise<EvaluateEvent | null> {
    const r = await this.devices.findRequest(requestId);
    if (!r) return null;
    const { policy } = await this.evaluations.policyFor(r.case_region_code);
    return {
      requestId: r.id,
      caseNo: maskCaseNo(r.case_no),
      itemName: r.item_name,
      mode: r.channel,
      expiresAt: r.expires_at.toISOString(),
      levels: LEVELS.map((level) => ({ level, ...policy.levels[level], bad: isBadLevel(policy, level) })),
      tags: policy.tags,
      content: policy.content[r.channel],
      badRatingNeeds: policy.badRatingNeeds,
      textMaxLength: policy.textMaxLength,
    };
  }

  /**
   * Stores the evaluator's rating from the device. The idempotency key is bound to the request, so a
   * retry after a lost answer gets the first answer and one row, and no key can touch another rating.
   */
  async submit(device: DeviceWithWindow, requestId: number, s: Submission & { idempotencyKey?: string }, httpRequestId: string): Promise<void> {
    const r = await this.devices.findRequest(requestId);
    if (!r || r.device_id !== device.id) throw notFound('rating request', 'requestId');
    const status = effectiveDeviceRequestStatus(r.status, r.expires_at, this.now());
    if (status === 'expired' || status === 'cancelled') {
      throw new AppError('TOKEN_INVALID', status === 'expired' ? 'this rating request has expired' : 'this rating request was withdrawn', 'requestId');
    }
    const recorded = await this.evaluations.record(deviceEvaluatorCtx(device.id, httpRequestId), {
      caseId: r.case_id,
      visitNo: r.visit_no,
      channel: 'device',
      sourceRef: `device-request:${r.id}`,
      deviceId: device.id,
      idempotencyKey: `device-request:${r.id}:${s.idempotencyKey ?? 'once'}`,
      level: s.level,
      ...(s.tags ? { tags: s.tags } : {}),
      ...(s.text !== undefined ? { text: s.text } : {}),
      ...(s.scores ? { scores: s.scores } : {}),
    });
    await this.devices.finishRequest(r.id, recorded.id, this.now());
    this.notifier.notify(device.id);
  }
}
