import { hasPermission } from '@hcp/domain';
import { CalendarPage } from '@/features/calendar/components/calendar-page.tsx';
import { ConsolePage } from './console-page.tsx';
import { useConsoleUser } from './session.ts';

export function Component() {
  const user = useConsoleUser();
  return (
    <ConsolePage>
      <CalendarPage canWrite={hasPermission(user.role, 'calendar.write')} isSysadmin={user.role === 'sysadmin'} scopeRegionCode={user.scopeRegionCode} scopeOrgId={user.scopeOrgId} />
    </ConsolePage>
  );
}
