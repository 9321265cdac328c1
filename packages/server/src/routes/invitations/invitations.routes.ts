import { Type } from '@fastify/type-provider-typebox';
import { staffCtx } from '../../http/request-context.ts';
import type { RouteModule } from '../index.ts';
import { errors, Nullable } from '../shared/schemas.ts';

const Message = Nullable(Type.Object({
  id: Type.Integer(),
  phone: Type.String({ description: 'masked' }),
  status: Type.String({ description: 'queued, sent, delivered, failed or suppressed (opted out)' }),
  attempts: Type.Integer(),
  sentAt: Nullable(Type.String()),
  deliveredAt: Nullable(Type.String()),
}));

const Invitation = Type.Object({
  id: Type.Integer(),
  caseId: Type.Integer(),
  caseNo: Type.String(),
  status: Type.String({ description: 'invited, or suppressed when the phone had opted out' }),
  createdAt: Type.String(),
  expiresAt: Type.String(),
  remindAt: Nullable(Type.String()),
  remindedAt: Nullable(Type.String()),
  invitation: Message,
  reminder: Message,
});

const iso = (d: Date | null) => d?.toISOString() ?? null;
const message = (id: number | null, phone: string | null, status: string | null, attempts: number | null, sentAt: Date | null, deliveredAt: Date | null) =>
  id === null ? null : { id, phone: phone ?? '', status: status ?? '', attempts: attempts ?? 0, sentAt: iso(sentAt), deliveredAt: iso(deliveredAt) };

/** Invitations to evaluate by SMS (邀请评价) with the delivery of their messages; never the texts, which hold the link. */
export const invitationRoutes: RouteModule = (app, c) => {
  app.get('/invitations', {
    schema: {
      tags: ['invitations'],
      summary: 'SMS invitations and reminders with their delivery status, newest first, for cases in your data scope (phones masked)',
      querystring: Type.Object({
        caseId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
        beforeId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
        limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(Invitation) }), ...errors },
    },
  }, async (request) => {
    const rows = await c.services.invitations.list(staffCtx(request), request.query);
    return {
      items: rows.map((r) => ({
        id: r.id,
        caseId: r.case_id,
        caseNo: r.case_no,
        status: r.status,
        createdAt: r.created_at.toISOString(),
        expiresAt: r.expires_at.toISOString(),
        remindAt: iso(r.remind_at),
        remindedAt: iso(r.reminded_at),
        invitation: message(r.m_id, r.m_phone, r.m_status, r.m_attempts, r.m_sent_at, r.m_delivered_at),
        reminder: message(r.r_id, r.r_phone, r.r_status, r.r_attempts, r.r_sent_at, r.r_delivered_at),
      })),
    };
  });
};
