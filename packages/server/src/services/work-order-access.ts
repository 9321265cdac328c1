import { hasPermission, NATIONAL_DEFAULT_POLICY } from '@hcp/domain';
import type { WorkOrder } from '../db/schema.ts';
import { notFound } from '../errors.ts';
import type { OwnOrders, WorkOrderRepository } from '../repositories/work-order.repository.ts';
import { requireInScope, requirePermission, type Ctx } from './actor.ts';

/**
 * For an actor who reads only the work orders about themselves (a window clerk: workorder.read_own,
 * not workorder.read), what limits their reads; undefined for everyone who reads by data scope.
 * A clerk linked to no staff record has no orders: staffId -1 matches none.
 */
export function ownOrdersOf(ctx: Ctx, now: Date): OwnOrders | undefined {
  const a = ctx.actor;
  if (a.kind !== 'user' || hasPermission(a.role, 'workorder.read') || !hasPermission(a.role, 'workorder.read_own')) return undefined;
  return { staffId: a.staffId ?? -1, now, fallbackHours: NATIONAL_DEFAULT_POLICY.clerkSeesRatingsAfterHours };
}

/**
 * The order, if the actor may read it: with workorder.read inside their data scope (else 403
 * OUT_OF_SCOPE); with workorder.read_own inside their scope and about themselves, once the rating's
 * delay has passed — else 404, so a colleague's order and a fresh one are not even confirmed to exist.
 */
export async function readableOrder(orders: WorkOrderRepository, ctx: Ctx, id: number, now: Date): Promise<WorkOrder> {
  const own = ownOrdersOf(ctx, now);
  if (!own) requirePermission(ctx, 'workorder.read');
  const order = own ? await orders.findOwn(id, own) : await orders.find(id);
  if (!order) throw notFound('work order');
  requireInScope(ctx, { regionCode: order.region_code, orgPath: order.org_path }, 'work order');
  return order;
}
