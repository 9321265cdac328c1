import { useI18n } from '@/i18n/i18n-context.ts';
import { useCitizenText } from '@/i18n/use-citizen-text.ts';
import { useSearchParams } from '@/lib/navigation.ts';
import { useDocumentTitle } from '@/lib/use-document-title.ts';
import { SuggestionPage } from '@/features/suggestions/components/suggestion-page.tsx';

/** /suggest — the suggestion box; ?w=<window key> when opened from a window's QR page. */
export function Component() {
  const params = useSearchParams();
  useDocumentTitle(useCitizenText().t('sg.title'), useI18n().t('app.shortName'));
  const w = params.get('w');
  const windowKey = w && /^[A-Za-z0-9_-]{6,24}$/.test(w) ? w : null;
  return <SuggestionPage key={windowKey ?? ''} windowKey={windowKey} />;
}
