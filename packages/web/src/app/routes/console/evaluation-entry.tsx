import { EntryPage } from '@/features/evaluation-entry/components/entry-page.tsx';
import { ConsolePage } from './console-page.tsx';

export function Component() {
  return (
    <ConsolePage>
      <EntryPage />
    </ConsolePage>
  );
}
