import { CampaignsPage } from '@/features/campaigns/components/campaigns-page.tsx';
import { ConsolePage } from './console-page.tsx';
import { useConsoleUser } from './session.ts';

export function Component() {
  const user = useConsoleUser();
  return (
    <ConsolePage>
      <CampaignsPage role={user.role} />
    </ConsolePage>
  );
}
