import type { Permission } from '@hcp/domain';

/** What can be imported from a file, and the permission each needs (as the server's importers say). */
export const IMPORT_KINDS = ['regions', 'organisations', 'platforms', 'staff', 'service-items', 'cases'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const IMPORT_PERMISSION: Record<ImportKind, Permission> = {
  regions: 'region.write',
  organisations: 'organisation.write',
  platforms: 'platform.write',
  staff: 'staff.write',
  'service-items': 'item.write',
  cases: 'case.import',
};
