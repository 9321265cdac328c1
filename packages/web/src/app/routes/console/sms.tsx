import { SmsPage } from '@/features/sms-outbox/components/sms-page.tsx';
import { ConsolePage } from './console-page.tsx';

export function Component() {
  return (
    <ConsolePage>
      <SmsPage />
    </ConsolePage>
  );
}
