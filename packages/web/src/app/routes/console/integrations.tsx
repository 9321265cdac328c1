import { IntegrationsPage } from '@/features/integrations/components/integrations-page.tsx';
import { ConsolePage } from './console-page.tsx';

export function Component() {
  return (
    <ConsolePage>
      <IntegrationsPage />
    </ConsolePage>
  );
}
