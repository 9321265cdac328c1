import { useI18n } from '@/i18n/i18n-context.ts';
import { useCitizenText } from '@/i18n/use-citizen-text.ts';
import { useDocumentTitle } from '@/lib/use-document-title.ts';
import { FeedbackPage } from '@/features/evaluation/components/feedback-page.tsx';

/** /e/f/:token — the evaluator's page of a work order (整改反馈), from the link in the feedback SMS. */
export function Component({ params }: { params: Record<string, string> }) {
  const token = params.token ?? '';
  useDocumentTitle(useCitizenText().t('fb.title'), useI18n().t('app.shortName'));
  return <FeedbackPage key={token} token={token} />;
}
