import { useRouteLoaderData } from 'react-router';
import type { User } from '@/features/auth/api/me.ts';

/** The id of the route whose loader holds the logged-in user. */
export const CONSOLE_USER_ROUTE = 'console-user';

/** The logged-in user, for pages inside the console layout. */
export function useConsoleUser(): User {
  const user = useRouteLoaderData<User>(CONSOLE_USER_ROUTE);
  if (!user) throw new Error('useConsoleUser used outside the console layout');
  return user;
}

/** The login page, with a back-link to where the user was going. */
export function loginPath(next: string): string {
  return `/console/login?next=${encodeURIComponent(next)}`;
}

/** Only console paths are followed after login, so ?next= cannot send anyone off-site. */
export function safeNext(raw: string | null): string {
  if (!raw || !raw.startsWith('/console') || raw.startsWith('/console/login')) return '/console';
  return raw;
}
