import { hasPermission } from '@hcp/domain';
import { WorkOrdersPage } from '@/features/work-orders/components/work-orders-page.tsx';
import { ConsolePage } from './console-page.tsx';
import { useConsoleUser } from './session.ts';

export function Component() {
  const { role } = useConsoleUser();
  return (
    <ConsolePage>
      <WorkOrdersPage own={!hasPermission(role, 'workorder.read') && hasPermission(role, 'workorder.read_own')} />
    </ConsolePage>
  );
}
