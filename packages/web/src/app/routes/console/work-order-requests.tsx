import { RequestsPage } from '@/features/work-orders/components/requests-page.tsx';
import { ConsolePage } from './console-page.tsx';
import { useConsoleUser } from './session.ts';

export function Component() {
  const user = useConsoleUser();
  return (
    <ConsolePage>
      <RequestsPage role={user.role} />
    </ConsolePage>
  );
}
