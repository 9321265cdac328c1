import {
  ALERT_DEADLINE_NAMES,
  alertRecipients,
  alertSchedule,
  alertsDue,
  lastDayOf,
  pendingDeadline,
  withPolicyDefaults,
  type AlertDeadline,
  type AlertLevel,
  type AlertRecipient,
  type WorkOrderAlertRules,
  type WorkingCalendar,
} from '@hcp/domain';
import type { Database } from '../db/database.ts';
import type { WorkOrder } from '../db/schema.ts';
import { forbidden } from '../errors.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { EvaluationRepository } from '../repositories/evaluation.repository.ts';
import type { WorkOrderAlertRepository } from '../repositories/work-order-alert.repository.ts';
import type { WorkOrderRepository } from '../repositories/work-order.repository.ts';
import { auditActor, type Ctx } from './actor.ts';
import type { CalendarService } from './calendar.service.ts';
import { memoise } from './memoise.ts';
import type { NotificationService } from './notification.service.ts';

export interface WorkOrderAlertDeps {
  db: Database;
  alerts: WorkOrderAlertRepository;
  orders: WorkOrderRepository;
  evaluations: EvaluationRepository;
  calendar: CalendarService;
  notifications: NotificationService;
  audit: AuditRepository;
  now?: () => Date;
}

export interface AlertRunResult {
  /** Open orders looked at. */
  examined: number;
  warnings: number;
  redCards: number;
  escalations: number;
  /** Notifications written, one per recipient of each alert. */
  notified: number;
}

/** One deadline of an order the run looks at: its own pending deadline, or an appeal's decision. */
interface Watched {
  deadline: AlertDeadline;
  requestId: number;
  due: Date;
}

interface Plan {
  order: WorkOrder & { unit_name: string };
  w: Watched;
  levels: AlertLevel[];
  rules: WorkOrderAlertRules;
}

const KEY = (orderId: number, deadline: string, requestId: number, round: number, due: Date) => `${orderId}|${deadline}|${requestId}|${round}|${due.getTime()}`;

/**
 * The clock of work orders (job `workorders.clock`): for every open order, the deadline it is working
 * towards (first contact, rectification, feedback) and the decision of any pending appeal get a warning
 * (预警) before they pass, a red card (红牌) when they pass and an escalation to the level above when
 * the red card stands too long — each once, by the unique key of work_order_alerts, however often the
 * job runs and on however many instances. Each alert is recorded on the order (flag columns and a
 * step on its timeline) and notifies its recipients in the same transaction.
 */
export class WorkOrderAlertService {
  private readonly now: () => Date;

  constructor(private readonly d: WorkOrderAlertDeps) {
    this.now = d.now ?? (() => new Date());
  }

  async run(ctx: Ctx, batchSize = 500): Promise<AlertRunResult> {
    if (ctx.actor.kind !== 'system') throw forbidden('the work-order clock is run by the scheduled job only');
    const now = this.now();
    const result: AlertRunResult = { examined: 0, warnings: 0, redCards: 0, escalations: 0, notified: 0 };
    const directory = await this.d.notifications.directory();
    const rulesOf = memoise((policyId: number) => this.rules(policyId));
    const calendarOf = memoise((regionCode: string) => this.d.calendar.forRegion(regionCode));
    for (let afterId = 0; ; ) {
      const batch = await this.d.alerts.openOrders(afterId, batchSize);
      if (batch.length === 0) break;
      afterId = batch[batch.length - 1]!.id;
      result.examined += batch.length;
      const ids = batch.map((o) => o.id);
      const appeals = await this.d.alerts.pendingAppeals(ids);
      const raised = new Map<string, Set<AlertLevel>>();
      for (const r of await this.d.alerts.raisedFor(ids)) {
        const k = KEY(r.work_order_id, r.deadline, r.request_id, r.review_round, r.due_at);
        raised.set(k, (raised.get(k) ?? new Set()).add(r.level));
      }
      // Decided before the transaction: policies and calendars are read outside it (PGlite has one connection).
      const plans: Plan[] = [];
      for (const order of batch) {
        const watched: Watched[] = [];
        const pending = pendingDeadline(order.state, { firstContactDue: order.first_contact_due, rectifyDue: order.rectify_due, feedbackDue: order.feedback_due });
        if (pending) watched.push({ deadline: pending.kind, requestId: 0, due: pending.due });
        for (const a of appeals) if (a.work_order_id === order.id && a.decision_due) watched.push({ deadline: 'appealDecisionDue', requestId: a.id, due: a.decision_due });
        if (watched.length === 0) continue;
        const rules = await rulesOf(order.policy_id);
        const calendar: WorkingCalendar = await calendarOf(order.region_code);
        for (const w of watched) {
          const levels = alertsDue(now, alertSchedule(w.due, rules, calendar), raised.get(KEY(order.id, w.deadline, w.requestId, order.review_round, w.due)) ?? new Set());
          if (levels.length > 0) plans.push({ order, w, levels, rules });
        }
      }
      if (plans.length > 0) {
        const done = await this.raise(ctx, plans, directory, now);
        result.warnings += done.warning;
        result.redCards += done.red_card;
        result.escalations += done.escalation;
        result.notified += done.notified;
      }
      if (batch.length < batchSize) break;
    }
    return result;
  }

  /** Raises the planned alerts in one transaction, in order id order (two instances wait for each other, never deadlock). */
  private raise(ctx: Ctx, plans: Plan[], directory: AlertRecipient[], now: Date) {
    return this.d.db.transaction().execute(async (trx) => {
      const counts = { warning: 0, red_card: 0, escalation: 0, notified: 0 };
      const raised: { workOrderId: number; deadline: AlertDeadline; requestId: number; level: AlertLevel; recipients: number }[] = [];
      for (const { order, w, levels, rules } of plans) {
        for (const level of levels) {
          const alertId = await this.d.alerts.claim(trx, { work_order_id: order.id, deadline: w.deadline, request_id: w.requestId, review_round: order.review_round, due_at: w.due, level, raised_at: now });
          if (alertId === undefined) continue;
          const users = recipientsOf(directory, order, w.deadline, level);
          const text = alertText(order, w, level, rules);
          const notified = await this.d.notifications.notify(trx, users, {
            kind: `workorder.${level}`,
            title: text.title,
            body: text.body,
            targetType: 'work_order',
            targetId: order.id,
            data: { workOrderId: order.id, deadline: w.deadline, requestId: w.requestId || null, level, due: w.due.toISOString(), lastDay: lastDayOf(w.due), reviewRound: order.review_round, unitId: order.unit_id },
            dedupeKey: `workorder-alert:${alertId}`,
            at: now,
          });
          await this.d.alerts.setRecipients(trx, alertId, notified);
          // The order's flag is the unit's deadline; an appeal's decision is the office's, shown on the timeline only.
          if (w.deadline !== 'appealDecisionDue') await this.d.alerts.flagOrder(trx, order.id, { deadline: w.deadline, due: w.due, level, at: now });
          await this.d.orders.insertEvent(trx, {
            work_order_id: order.id,
            action: level,
            actor_user_id: null,
            actor_kind: 'system',
            at: now,
            text: text.title,
            from_state: order.state,
            to_state: order.state,
            detail: JSON.stringify({ deadline: w.deadline, due: w.due.toISOString(), requestId: w.requestId || null, recipients: notified }),
          });
          counts[level]++;
          counts.notified += notified;
          raised.push({ workOrderId: order.id, deadline: w.deadline, requestId: w.requestId, level, recipients: notified });
        }
      }
      if (raised.length > 0) {
        await this.d.audit.append(trx, { ...auditActor(ctx), action: 'workorder.alert', targetType: 'work_order', targetId: null, detail: { count: raised.length, alerts: raised } });
      }
      return counts;
    });
  }

  private async rules(policyId: number): Promise<WorkOrderAlertRules> {
    const row = await this.d.evaluations.policyById(policyId);
    if (!row) throw new Error(`policy ${policyId} of a work order is missing`);
    return withPolicyDefaults(row.policy).workOrderAlerts;
  }
}

/**
 * Who is told: of the unit's own deadlines, the unit and its nearest supervisors (the office of the
 * region above on escalation, with the unit); of an appeal's decision, which is the office's, the office
 * (and on escalation the office above).
 */
function recipientsOf(directory: AlertRecipient[], order: WorkOrder, deadline: AlertDeadline, level: AlertLevel): number[] {
  const target = { regionCode: order.region_code, orgPath: order.org_path };
  const office = alertRecipients(directory, target, level === 'escalation' ? 'escalation' : 'supervisor');
  return deadline === 'appealDecisionDue' ? office : [...alertRecipients(directory, target, 'unit'), ...office];
}

/** The texts of a notification; no personal data (the order, its unit, the deadline and its day). */
function alertText(order: WorkOrder & { unit_name: string }, w: Watched, level: AlertLevel, rules: WorkOrderAlertRules) {
  const what = ALERT_DEADLINE_NAMES[w.deadline].zh;
  const day = lastDayOf(w.due);
  const subject = w.deadline === 'appealDecisionDue' ? `工单 #${order.id}（${order.unit_name}）的复核申诉 #${w.requestId}` : `${order.unit_name}的差评整改工单 #${order.id}`;
  if (level === 'warning') {
    return { title: `【预警】工单 #${order.id} ${what}期限将至`, body: `${subject}，${what}期限为 ${day}（含当日），请按时办理。` };
  }
  if (level === 'red_card') {
    return { title: `【红牌】工单 #${order.id} ${what}已超期`, body: `${subject}，${what}期限 ${day} 已过仍未办理，亮红牌，请立即整改。` };
  }
  return {
    title: `【红牌督办】工单 #${order.id} ${what}超期 ${rules.escalateAfterWorkingDays} 个工作日未整改`,
    body: `${subject}，${what}期限 ${day} 已过，红牌后 ${rules.escalateAfterWorkingDays} 个工作日仍未整改到位，报上级督办。`,
  };
}
