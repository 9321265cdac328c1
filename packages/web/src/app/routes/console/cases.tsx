import { hasPermission } from '@hcp/domain';
import { CasesPage } from '@/features/cases/components/cases-page.tsx';
import { ConsolePage } from './console-page.tsx';
import { useConsoleUser } from './session.ts';

export function Component() {
  const user = useConsoleUser();
  return (
    <ConsolePage>
      <CasesPage canUnmask={hasPermission(user.role, 'pii.unmask')} />
    </ConsolePage>
  );
}
