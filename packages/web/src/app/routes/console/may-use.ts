import { hasPermission, type StaffRole } from '@hcp/domain';
import type { ConsoleNavItem } from '../../console-nav.ts';

/** Whether a role may open this console page: any one of its permissions will do. */
export function mayUse(role: StaffRole, item: Pick<ConsoleNavItem, 'permission'>): boolean {
  const p = item.permission;
  if (p === null) return true;
  return typeof p === 'string' ? hasPermission(role, p) : p.some((one) => hasPermission(role, one));
}
