import { hasPermission } from '@hcp/domain';
import { OrganisationsPage } from '@/features/organisations/components/organisations-page.tsx';
import { ConsolePage } from './console-page.tsx';
import { useConsoleUser } from './session.ts';

export function Component() {
  const user = useConsoleUser();
  return (
    <ConsolePage>
      <OrganisationsPage canWrite={hasPermission(user.role, 'organisation.write')} scopeOrgId={user.scopeOrgId} scopeRegionCode={user.scopeRegionCode} />
    </ConsolePage>
  );
}
