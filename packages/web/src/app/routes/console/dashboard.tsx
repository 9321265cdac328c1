import { hasPermission } from '@hcp/domain';
import { DashboardPage } from '@/features/statistics-dashboard/components/dashboard-page.tsx';
import { ConsolePage } from './console-page.tsx';
import { useConsoleUser } from './session.ts';

export function Component() {
  const user = useConsoleUser();
  return (
    <ConsolePage>
      <DashboardPage canRank={hasPermission(user.role, 'ranking.read')} />
    </ConsolePage>
  );
}
