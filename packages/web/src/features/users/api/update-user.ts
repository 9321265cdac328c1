import type { StaffRole } from '@hcp/domain';
import { apiRequest } from '@/lib/api-client.ts';

export interface UserChange {
  displayName?: string;
  role?: StaffRole;
  scopeRegionCode?: string | null;
  scopeOrgId?: number | null;
  active?: boolean;
  /** A new password (the user's sessions end). */
  password?: string;
  /** Lifts a lock after too many failed logins. */
  unlock?: boolean;
}

/** PATCH /api/users/:id: changes, deactivates, unlocks or resets the password of an account. */
export async function updateUser(id: number, change: UserChange): Promise<void> {
  await apiRequest(`/users/${id}`, { method: 'PATCH', body: change });
}
