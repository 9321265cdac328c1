import { AuditPage } from '@/features/audit/components/audit-page.tsx';
import { ConsolePage } from './console-page.tsx';

export function Component() {
  return (
    <ConsolePage>
      <AuditPage />
    </ConsolePage>
  );
}
