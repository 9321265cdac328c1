import { useI18n } from '@/i18n/i18n-context.ts';
import { useCitizenText } from '@/i18n/use-citizen-text.ts';
import { useDocumentTitle } from '@/lib/use-document-title.ts';
import { EvaluationPage } from '@/features/evaluation/components/evaluation-page.tsx';

/** /e/:token — the evaluation page every channel ends on. */
export function Component({ params }: { params: Record<string, string> }) {
  const token = params.token ?? '';
  useDocumentTitle(useCitizenText().t('ev.title'), useI18n().t('app.shortName'));
  // A new token is a new page: nothing of the last one's form may carry over.
  return <EvaluationPage key={token} token={token} />;
}
