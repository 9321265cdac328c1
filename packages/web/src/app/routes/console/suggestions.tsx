import { SuggestionsPage } from '@/features/suggestion-review/components/suggestions-page.tsx';
import { ConsolePage } from './console-page.tsx';

export function Component() {
  return (
    <ConsolePage>
      <SuggestionsPage />
    </ConsolePage>
  );
}
