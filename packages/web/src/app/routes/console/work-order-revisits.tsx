import { RevisitsPage } from '@/features/work-orders/components/revisits-page.tsx';
import { ConsolePage } from './console-page.tsx';

export function Component() {
  return (
    <ConsolePage>
      <RevisitsPage />
    </ConsolePage>
  );
}
