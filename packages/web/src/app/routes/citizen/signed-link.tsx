import { useI18n } from '@/i18n/i18n-context.ts';
import { useCitizenText } from '@/i18n/use-citizen-text.ts';
import { navigate, useSearchParams } from '@/lib/navigation.ts';
import { useDocumentTitle } from '@/lib/use-document-title.ts';
import { SignedLinkEntry } from '@/features/evaluation/components/signed-link-entry.tsx';

/** /e/s — a service portal's signed link; continues on /e/<token>, replacing the link in the history. */
export function Component() {
  const params = useSearchParams();
  useDocumentTitle(useCitizenText().t('ev.title'), useI18n().t('app.shortName'));
  return <SignedLinkEntry params={params} onToken={(token) => navigate(`/e/${token}`, { replace: true })} />;
}
