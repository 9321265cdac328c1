import { RevisitSamplingPage } from '@/features/revisit-sampling/components/revisit-sampling-page.tsx';
import { ConsolePage } from './console-page.tsx';
import { useConsoleUser } from './session.ts';

export function Component() {
  const user = useConsoleUser();
  return (
    <ConsolePage>
      <RevisitSamplingPage role={user.role} />
    </ConsolePage>
  );
}
