import { hasPermission } from '@hcp/domain';
import { ServiceItemsPage } from '@/features/service-items/components/service-items-page.tsx';
import { ConsolePage } from './console-page.tsx';
import { useConsoleUser } from './session.ts';

export function Component() {
  const user = useConsoleUser();
  return (
    <ConsolePage>
      <ServiceItemsPage canWrite={hasPermission(user.role, 'item.write')} />
    </ConsolePage>
  );
}
