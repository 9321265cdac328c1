import { Link } from '@/components/link.tsx';
import { Notice } from '@/components/notice.tsx';
import type { CitizenMessageKey } from '@/i18n/citizen-messages.ts';
import { useCitizenText } from '@/i18n/use-citizen-text.ts';
import { ApiError } from '@/lib/api-client.ts';

/** Why an evaluation link cannot be used now. */
export type LinkProblemKind = 'used' | 'expired' | 'invalid' | 'not_open' | 'evaluated';

/** The problem an API error means for the evaluator, or null when it is some other failure. */
export function linkProblemOf(error: unknown): LinkProblemKind | null {
  if (!(error instanceof ApiError)) return null;
  if (error.code === 'ALREADY_EVALUATED') return 'evaluated';
  if (error.code === 'EVALUATION_NOT_OPEN') return 'not_open';
  if (error.code !== 'TOKEN_INVALID') return null;
  const reason = error.details[0]?.reason;
  // unknown, forged, expiry_too_far: the link as given can never work.
  return reason === 'used' ? 'used' : reason === 'expired' ? 'expired' : 'invalid';
}

const TEXT: Record<LinkProblemKind, [CitizenMessageKey, CitizenMessageKey]> = {
  used: ['ev.used.title', 'ev.used.body'],
  expired: ['ev.expired.title', 'ev.expired.body'],
  invalid: ['ev.invalid.title', 'ev.invalid.body'],
  not_open: ['ev.notOpen.title', 'ev.notOpen.body'],
  evaluated: ['ev.evaluated.title', 'ev.evaluated.body'],
};

/** A clear page for a used, expired or forged link, a case not open yet, or one rated already. */
export function LinkProblem({ kind }: { kind: LinkProblemKind }) {
  const { t } = useCitizenText();
  const [title, body] = TEXT[kind];
  return (
    <Notice
      title={t(title)}
      tone={kind === 'used' || kind === 'evaluated' ? 'info' : 'warning'}
      actions={
        <>
          <Link className="cz-button" to="/suggest">
            {t('cz.suggestLink')}
          </Link>
          <Link className="cz-link" to="/">
            {t('cz.backHome')}
          </Link>
        </>
      }
    >
      <p data-problem={kind}>{t(body)}</p>
    </Notice>
  );
}

/** A page that could not load for another reason than its link (the network, the server): say so and offer a retry. */
export function LoadFailed({ error, onRetry }: { error: unknown; onRetry(): void }) {
  const { t } = useCitizenText();
  const network = error instanceof ApiError && error.code === 'NETWORK_ERROR';
  return (
    <Notice
      title={t(network ? 'cz.network' : 'cz.failed', { message: error instanceof Error ? error.message : '' })}
      tone="warning"
      actions={
        <button type="button" className="cz-button" onClick={onRetry}>
          {t('cz.retry')}
        </button>
      }
    />
  );
}
