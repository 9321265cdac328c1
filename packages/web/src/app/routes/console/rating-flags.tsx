import { hasPermission } from '@hcp/domain';
import { FlagsPage } from '@/features/rating-flags/components/flags-page.tsx';
import { ConsolePage } from './console-page.tsx';
import { useConsoleUser } from './session.ts';

export function Component() {
  const user = useConsoleUser();
  return (
    <ConsolePage>
      <FlagsPage canReview={hasPermission(user.role, 'detection.review')} />
    </ConsolePage>
  );
}
