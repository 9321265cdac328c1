import { hasPermission } from '@hcp/domain';
import { AlertsPage } from '@/features/supervision-alerts/components/alerts-page.tsx';
import { ConsolePage } from './console-page.tsx';
import { useConsoleUser } from './session.ts';

export function Component() {
  const user = useConsoleUser();
  return (
    <ConsolePage>
      <AlertsPage canAcknowledge={hasPermission(user.role, 'supervision.acknowledge')} />
    </ConsolePage>
  );
}
