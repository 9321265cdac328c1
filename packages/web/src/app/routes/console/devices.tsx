import { hasPermission } from '@hcp/domain';
import { DevicesPage } from '@/features/rating-devices/components/devices-page.tsx';
import { ConsolePage } from './console-page.tsx';
import { useConsoleUser } from './session.ts';

export function Component() {
  const user = useConsoleUser();
  return (
    <ConsolePage>
      <DevicesPage canManage={hasPermission(user.role, 'device.manage')} canInvite={hasPermission(user.role, 'device.invite')} />
    </ConsolePage>
  );
}
