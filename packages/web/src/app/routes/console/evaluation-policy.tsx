import { hasPermission } from '@hcp/domain';
import { PolicyPage } from '@/features/evaluation-policy/components/policy-page.tsx';
import { ConsolePage } from './console-page.tsx';
import { useConsoleUser } from './session.ts';

export function Component() {
  const user = useConsoleUser();
  return (
    <ConsolePage>
      <PolicyPage canWrite={hasPermission(user.role, 'policy.write')} isSysadmin={user.role === 'sysadmin'} scopeRegionCode={user.scopeRegionCode} scopeOrgId={user.scopeOrgId} />
    </ConsolePage>
  );
}
