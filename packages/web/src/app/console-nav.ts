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
  { path: 'work-orders', label: 'nav.workOrders', permission: ['workorder.read', 'workorder.read_own'], page: () => import('./routes/console/work-orders.tsx') },
  { path: 'work-order-requests', label: 'nav.workOrderRequests', permission: ['workorder.approve', 'appeal.decide'], page: () => import('./routes/console/work-order-requests.tsx') },
  { path: 'work-order-revisits', label: 'nav.workOrderRevisits', permission: 'workorder.revisit', page: () => import('./routes/console/work-order-revisits.tsx') },
  { path: 'real-name-report', label: 'nav.realNameReport', permission: 'workorder.read', page: () => import('./routes/console/real-name-report.tsx') },
  { path: 'dashboard', label: 'nav.dashboard', permission: 'statistics.read', page: () => import('./routes/console/dashboard.tsx') },
  { path: 'supervision-alerts', label: 'nav.supervisionAlerts', permission: 'supervision.read', page: () => import('./routes/console/supervision-alerts.tsx') },
  { path: 'rating-flags', label: 'nav.ratingFlags', permission: 'detection.read', page: () => import('./routes/console/rating-flags.tsx') },
  { path: 'campaigns', label: 'nav.campaigns', permission: 'campaign.read', page: () => import('./routes/console/campaigns.tsx') },
  { path: 'reports', label: 'nav.reports', permission: 'report.read', page: () => import('./routes/console/reports.tsx') },
  { path: 'revisit-sampling', label: 'nav.revisitSampling', permission: 'revisit.read', page: () => import('./routes/console/revisit-sampling.tsx') },
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

/** Pages below a menu entry (one record of its list), with the entry whose title and permission they share. */
export const CONSOLE_SUBPAGES: readonly { path: string; parent: string; page: () => Promise<object> }[] = [
  { path: 'work-orders/:id', parent: 'work-orders', page: () => import('./routes/console/work-order.tsx') },
];

