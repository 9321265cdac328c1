import type { StaffRole } from '@hcp/domain';

/**
 * A staff account as the server shows it (UserView in packages/server/src/routes/auth/auth.routes.ts),
 * from GET /api/auth/me and GET /api/users alike.
 */
export interface UserAccount {
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
