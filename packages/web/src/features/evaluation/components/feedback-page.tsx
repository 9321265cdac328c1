import { useState } from 'react';
import { Link } from '@/components/link.tsx';
import { Notice } from '@/components/notice.tsx';
import type { CitizenMessageKey } from '@/i18n/citizen-messages.ts';
import { useCitizenText } from '@/i18n/use-citizen-text.ts';
import { ApiError } from '@/lib/api-client.ts';
import { useQuery } from '@/lib/use-query.ts';
import { getFeedbackPage, type FeedbackPage as Page } from '../api/rectification-feedback.ts';
import { LoadFailed } from './link-problem.tsx';
import { RevisitForm } from './revisit-form.tsx';

const STEP_KEYS: Record<string, CitizenMessageKey> = {
  open: 'fb.step.open',
  assign: 'fb.step.assign',
  verify: 'fb.step.verify',
  decide_fix_now: 'fb.step.decide_fix_now',
  decide_fix_by_deadline: 'fb.step.decide_fix_by_deadline',
  decide_explain: 'fb.step.decide_explain',
  rectify: 'fb.step.rectify',
  feedback: 'fb.step.feedback',
  revisit_satisfied: 'fb.step.revisit_satisfied',
  revisit_unsatisfied: 'fb.step.revisit_unsatisfied',
};

function LinkProblem({ kind }: { kind: 'expired' | 'invalid' }) {
  const { t } = useCitizenText();
  return (
    <Notice
      title={t(kind === 'expired' ? 'fb.expired.title' : 'fb.invalid.title')}
      tone="warning"
      actions={
        <Link className="cz-link" to="/">
          {t('cz.backHome')}
        </Link>
      }
    >
      <p data-problem={kind}>{t(kind === 'expired' ? 'fb.expired.body' : 'fb.invalid.body')}</p>
    </Notice>
  );
}

/**
 * /e/f/:token — the evaluator's page of the work order their bad rating opened (整改反馈): what the
 * unit did, how far the order is, and the revisit (回访) once the unit has given feedback. It holds no
 * personal data: the item, the unit, the evaluator's own rating and the steps without who took them.
 */
export function FeedbackPage({ token }: { token: string }) {
  const { t, label, date, locale } = useCitizenText();
  const query = useQuery(`feedback:${token}`, (signal) => getFeedbackPage(token, signal));
  // The answer to a revisit is the page as it then is: shown at once, without loading it again.
  const [answered, setAnswered] = useState<Page | null>(null);
  const [notice, setNotice] = useState<'thanks' | 'changed' | null>(null);
  const [problem, setProblem] = useState<'expired' | 'invalid' | null>(null);
  const page = answered ?? query.data;

  if (problem) return <LinkProblem kind={problem} />;
  if (query.error && !page) {
    if (query.error instanceof ApiError && query.error.code === 'TOKEN_INVALID') return <LinkProblem kind={query.error.details[0]?.reason === 'expired' ? 'expired' : 'invalid'} />;
    return <LoadFailed error={query.error} onRetry={query.reload} />;
  }
  if (!page) return <p className="cz-loading" role="status">…</p>;

  return (
    <div className="cz-form">
      <h1>{t('fb.title')}</h1>
      <dl className="cz-facts">
        <div>
          <dt>{t('fb.item')}</dt>
          <dd>{page.itemName}</dd>
        </div>
        <div>
          <dt>{t('fb.unit')}</dt>
          <dd>{page.unitName}</dd>
        </div>
        <div>
          <dt>{t('fb.yourRating')}</dt>
          <dd>
            {label(page.rating.label)}
            {page.rating.tags.length ? (locale === 'zh-CN' ? `（${page.rating.tags.map(label).join('、')}）` : ` (${page.rating.tags.map(label).join(', ')})`) : ''}
          </dd>
        </div>
        <div>
          <dt>{t('fb.ratedAt')}</dt>
          <dd>{date(page.rating.submittedAt)}</dd>
        </div>
      </dl>

      {notice ? (
        <p className="cz-info" role="status">
          {t(notice === 'thanks' ? 'fb.thanks' : 'fb.changed')}
        </p>
      ) : null}

      <section className="cz-progress" aria-labelledby="fb-progress">
        <h2 id="fb-progress">{t('fb.progress')}</h2>
        <p className="cz-stage" data-stage={page.stage}>
          {t(`fb.stage.${page.stage}`)}
        </p>
        {page.reviewRound > 1 ? <p className="cz-hint">{t('fb.round', { n: page.reviewRound })}</p> : null}
        <ol className="cz-steps">
          {page.steps.map((s, i) => (
            <li key={i}>
              <span className="cz-step-name">
                {STEP_KEYS[s.step] ? t(STEP_KEYS[s.step]!) : s.step}
                {s.byEvaluator ? t('fb.step.byYou') : ''}
              </span>{' '}
              <time className="cz-hint" dateTime={s.at}>
                {date(s.at)}
              </time>
              {s.text ? <blockquote className="cz-quote">{s.text}</blockquote> : null}
            </li>
          ))}
        </ol>
        {page.latest ? (
          <p>
            {t('fb.latest', { level: label(page.latest.label), date: date(page.latest.submittedAt) })}
            {page.latest.mistaken ? ` ${t('fb.latestMistaken')}` : ''}
          </p>
        ) : null}
      </section>

      {page.revisitOpen ? (
        <RevisitForm
          key={page.reviewRound}
          token={token}
          page={page}
          onAnswered={(next) => {
            setAnswered(next);
            setNotice('thanks');
          }}
          onChanged={() => {
            setAnswered(null);
            setNotice('changed');
            query.reload();
          }}
          onLinkProblem={setProblem}
        />
      ) : null}
    </div>
  );
}
