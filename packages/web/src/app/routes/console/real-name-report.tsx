import { RealNameReportPage } from '@/features/work-orders/components/real-name-report-page.tsx';
import { ConsolePage } from './console-page.tsx';

export function Component() {
  return (
    <ConsolePage>
      <RealNameReportPage />
    </ConsolePage>
  );
}
