import type { Permission } from '@hcp/domain';
import { IMPORT_PERMISSION } from '@/features/imports/api/import-kinds.ts';
import type { MessageKey } from '@/i18n/dictionary.ts';

/** A page of the staff console and the permission its menu item needs. */
export interface ConsoleNavItem {
  /** Below /console; '' is the console home. */
  path: string;
  label: MessageKey;
  /** null: every role; a list: any one of them. */
  permission: Permission | readonly Permission[] | null;
  /** The page's route module, loaded when it is first visited. */
  page?: () => Promise<object>;
}

/** The permissions that let a role write some master data, and so import it from a file. */
export const IMPORT_PERMISSIONS: readonly Permission[] = [...new Set(Object.values(IMPORT_PERMISSION))];

/**
 * The console sidebar, in order. The server still checks every call; the menu only hides. This file
 * is part of the landing page's code, so it imports only types from the domain package.
 */
export const CONSOLE_NAV: readonly ConsoleNavItem[] = [
  { path: '', label: 'nav.home', permission: null },
  { path: 'regions', label: 'nav.regions', permission: 'masterdata.read', page: () => import('./routes/console/regions.tsx') },
  { path: 'organisations', label: 'nav.organisations', permission: 'masterdata.read', page: () => import('./routes/console/organisations.tsx') },
  { path: 'staff', label: 'nav.staff', permission: 'masterdata.read', page: () => import('./routes/console/staff.tsx') },
  { path: 'service-items', label: 'nav.serviceItems', permission: 'masterdata.read', page: () => import('./routes/console/service-items.tsx') },
  { path: 'cases', label: 'nav.cases', permission: 'case.read', page: () => import('./routes/console/cases.tsx') },
  { path: 'evaluations', label: 'nav.evaluations', permission: 'evaluation.read', page: () => import('./routes/console/evaluations.tsx') },
  { path: 'evaluation-entry', label: 'nav.evaluationEntry', permission: 'evaluation.enter', page: () => import('./routes/console/evaluation-entry.tsx') },
  { path: 'suggestions', label: 'nav.suggestions', permission: 'case.read', page: () => import('./routes/console/suggestions.tsx') },
  { path: 'calendar', label: 'nav.calendar', permission: 'masterdata.read', page: () => import('./routes/console/calendar.tsx') },
  { path: 'evaluation-policy', label: 'nav.policy', permission: 'masterdata.read', page: () => import('./routes/console/evaluation-policy.tsx') },
  { path: 'devices', label: 'nav.devices', permission: ['device.manage', 'device.invite'], page: () => import('./routes/console/devices.tsx') },
  { path: 'sms', label: 'nav.sms', permission: 'sms.read', page: () => import('./routes/console/sms.tsx') },
  { path: 'imports', label: 'nav.imports', permission: IMPORT_PERMISSIONS, page: () => import('./routes/console/imports.tsx') },
  { path: 'users', label: 'nav.users', permission: 'user.manage', page: () => import('./routes/console/users.tsx') },
  { path: 'integrations', label: 'nav.integrations', permission: 'integration.manage', page: () => import('./routes/console/integrations.tsx') },
  { path: 'audit', label: 'nav.audit', permission: 'audit.read', page: () => import('./routes/console/audit.tsx') },
];

