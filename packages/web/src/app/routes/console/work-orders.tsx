import { WorkOrdersPage } from '@/features/work-orders/components/work-orders-page.tsx';
import { ConsolePage } from './console-page.tsx';

export function Component() {
  return (
    <ConsolePage>
      <WorkOrdersPage />
    </ConsolePage>
  );
}
