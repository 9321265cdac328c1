import { hasPermission } from '@hcp/domain';
import { RegionsPage } from '@/features/regions/components/regions-page.tsx';
import { ConsolePage } from './console-page.tsx';
import { useConsoleUser } from './session.ts';

export function Component() {
  const user = useConsoleUser();
  return (
    <ConsolePage>
      <RegionsPage canWrite={hasPermission(user.role, 'region.write')} />
    </ConsolePage>
  );
}
