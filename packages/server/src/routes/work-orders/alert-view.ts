import { Type } from '@fastify/type-provider-typebox';
import { currentAlert, pendingDeadline } from '@hcp/domain';
import type { WorkOrder } from '../../db/schema.ts';
import { Nullable, StringEnum } from '../shared/schemas.ts';

const At = Nullable(Type.String({ format: 'date-time' }));

export const AlertFlagSchema = StringEnum(['warning', 'red_card'] as const, { description: 'warning 预警 (the pending deadline is near), red_card 红牌 (it has passed)' });

/** The pending deadline and its warning (预警) / red card (红牌) state, as every work-order view shows them. */
export const AlertFields = {
  pendingDue: Nullable(Type.String({ format: 'date-time', description: 'the deadline the order is working towards (exclusive: passed at this instant)' })),
  flag: Nullable(AlertFlagSchema),
  warningAt: At,
  redCardAt: At,
  escalatedAt: Nullable(Type.String({ format: 'date-time', description: 'when the red card was escalated to the office of the level above' })),
};

export function alertFields(o: WorkOrder) {
  const pending = pendingDeadline(o.state, { firstContactDue: o.first_contact_due, rectifyDue: o.rectify_due, feedbackDue: o.feedback_due });
  const a = currentAlert(pending, { deadline: o.alert_deadline, due: o.alert_due, level: o.alert_level, warningAt: o.warning_at, redCardAt: o.red_card_at, escalatedAt: o.escalated_at });
  return {
    pendingDue: pending?.due.toISOString() ?? null,
    flag: a.flag,
    warningAt: a.warningAt?.toISOString() ?? null,
    redCardAt: a.redCardAt?.toISOString() ?? null,
    escalatedAt: a.escalatedAt?.toISOString() ?? null,
  };
}
