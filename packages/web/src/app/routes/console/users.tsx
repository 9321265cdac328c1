import { UsersPage } from '@/features/users/components/users-page.tsx';
import { ConsolePage } from './console-page.tsx';
import { useConsoleUser } from './session.ts';

export function Component() {
  const user = useConsoleUser();
  return (
    <ConsolePage>
      <UsersPage currentUserId={user.id} />
    </ConsolePage>
  );
}
