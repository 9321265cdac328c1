import type { AuditRepository } from '../repositories/audit.repository.ts';
import { auditActor, requirePermission, type Ctx } from './actor.ts';

/** Reading and verifying the audit log; the log itself is written by every other service. */
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  list(ctx: Ctx, filter: { beforeSeq?: number; limit: number; action?: string; actorId?: string; targetType?: string; targetId?: string }) {
    requirePermission(ctx, 'audit.read');
    return this.audit.list(filter);
  }

  async verify(ctx: Ctx) {
    requirePermission(ctx, 'audit.read');
    const result = await this.audit.verify();
    await this.audit.record({ ...auditActor(ctx), action: 'audit.verify', detail: { checked: result.checked, brokenAt: result.brokenAt } });
    return result;
  }
}
