import { hasPermission } from '@hcp/domain';
import { EvaluationsPage } from '@/features/evaluation-records/components/evaluations-page.tsx';
import { ConsolePage } from './console-page.tsx';
import { useConsoleUser } from './session.ts';

export function Component() {
  const user = useConsoleUser();
  return (
    <ConsolePage>
      <EvaluationsPage canExport={hasPermission(user.role, 'evaluation.export')} canReadScan={hasPermission(user.role, 'pii.unmask')} />
    </ConsolePage>
  );
}
