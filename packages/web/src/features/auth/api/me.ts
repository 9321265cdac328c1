import type { StaffRole } from '@hcp/domain';
import { apiRequest } from '@/lib/api-client.ts';

/** A staff account as GET /api/auth/me returns it (UserView in packages/server/src/routes/auth/auth.routes.ts). */
export interface User {
  id: number;
  username: string;
  displayName: string;
  role: StaffRole;
  /** 数据范围: a region subtree; null = no region limit. */
  scopeRegionCode: string | null;
  /** 数据范围: an organisation subtree; null = no unit limit. */
  scopeOrgId: number | null;
  staffId: number | null;
  active: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
}

/** The logged-in user; throws ApiError 401 when there is no session. */
export async function getMe(signal?: AbortSignal): Promise<User> {
  const { user } = await apiRequest<{ user: User }>('/auth/me', { handles401: true, ...(signal ? { signal } : {}) });
  return user;
}
