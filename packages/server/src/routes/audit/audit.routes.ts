import { Type } from '@fastify/type-provider-typebox';
import { staffCtx } from '../../http/request-context.ts';
import type { RouteModule } from '../index.ts';
import { errors, Nullable } from '../shared/schemas.ts';

const AuditRecordView = Type.Object({
  seq: Type.Integer(),
  at: Type.String(),
  actorType: Type.String(),
  actorId: Nullable(Type.String()),
  action: Type.String(),
  targetType: Nullable(Type.String()),
  targetId: Nullable(Type.String()),
  requestId: Nullable(Type.String()),
  detail: Type.Record(Type.String(), Type.Unknown()),
  hash: Type.String(),
});

/** The append-only, hash-chained audit log (审计日志). */
export const auditRoutes: RouteModule = (app, c) => {
  const tags = ['audit'];
  app.get('/audit', {
    schema: {
      tags,
      summary: 'Audit records, newest first; page with beforeSeq',
      querystring: Type.Object({
        beforeSeq: Type.Optional(Type.Integer({ minimum: 1 })),
        limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
        action: Type.Optional(Type.String({ maxLength: 64 })),
        actorId: Type.Optional(Type.String({ maxLength: 64 })),
        targetType: Type.Optional(Type.String({ maxLength: 32 })),
        targetId: Type.Optional(Type.String({ maxLength: 64 })),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(AuditRecordView) }), ...errors },
    },
  }, async (request) => {
    const rows = await c.services.audit.list(staffCtx(request), request.query);
    return { items: rows.map((r) => ({ ...r, at: r.at.toISOString() })) };
  });

  app.post('/audit/verify', {
    schema: {
      tags,
      summary: 'Recompute the hash chain; reports the first broken record',
      response: { 200: Type.Object({ checked: Type.Integer(), brokenAt: Nullable(Type.Integer()), reason: Type.Optional(Type.String()) }), ...errors },
    },
  }, async (request) => c.services.audit.verify(staffCtx(request)));
};
