import { hasPermission } from '@hcp/domain';
import { StaffPage } from '@/features/staff/components/staff-page.tsx';
import { ConsolePage } from './console-page.tsx';
import { useConsoleUser } from './session.ts';

export function Component() {
  const user = useConsoleUser();
  return (
    <ConsolePage>
      <StaffPage canWrite={hasPermission(user.role, 'staff.write')} />
    </ConsolePage>
  );
}
