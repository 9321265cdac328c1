import type { Permission } from '@hcp/domain';
import type { MessageKey } from '@/i18n/dictionary.ts';

/** A page of the staff console and the permission its menu item needs (null: every role). */
export interface ConsoleNavItem {
  /** Below /console; '' is the console home. */
  path: string;
  label: MessageKey;
  permission: Permission | null;
}

/** The console sidebar, in order. The server still checks every call; the menu only hides. */
export const CONSOLE_NAV: readonly ConsoleNavItem[] = [
  { path: '', label: 'nav.home', permission: null },
  { path: 'regions', label: 'nav.regions', permission: 'masterdata.read' },
  { path: 'organisations', label: 'nav.organisations', permission: 'masterdata.read' },
  { path: 'calendar', label: 'nav.calendar', permission: 'masterdata.read' },
  { path: 'users', label: 'nav.users', permission: 'user.manage' },
  { path: 'integrations', label: 'nav.integrations', permission: 'integration.manage' },
  { path: 'audit', label: 'nav.audit', permission: 'audit.read' },
];
