import { ReportsPage } from '@/features/reports/components/reports-page.tsx';
import { ConsolePage } from './console-page.tsx';
import { useConsoleUser } from './session.ts';

export function Component() {
  const user = useConsoleUser();
  return (
    <ConsolePage>
      <ReportsPage role={user.role} />
    </ConsolePage>
  );
}
