import type { StaffRole } from '@hcp/domain';
import { apiRequest } from '@/lib/api-client.ts';

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: StaffRole;
  /** 数据范围: a region subtree and/or an organisation subtree; every role but sysadmin needs one. */
  scopeRegionCode?: string | null;
  scopeOrgId?: number | null;
}

/** POST /api/users: a new account (needs user.manage). */
export function createUser(input: NewUser): Promise<{ id: number }> {
  return apiRequest('/users', {
    method: 'POST',
    body: { ...input, username: input.username.trim(), displayName: input.displayName.trim(), scopeRegionCode: input.scopeRegionCode ?? null, scopeOrgId: input.scopeOrgId ?? null },
  });
}
