import { useEffect, useState } from 'react';
import { usePortalText } from '@/i18n/use-portal-text.ts';
import { listReplies, type PublicReply } from '../api/list-replies.ts';
import { PortalError, PortalLoading } from './load-state.tsx';

const PAGE = 10;

/**
 * A unit's published bad ratings with their rectification replies, newest first, ten at a time. The
 * rating shows its level, reasons, channel and date; never who gave it.
 */
export function ReplyList({ unitId }: { unitId: number }) {
  const { t } = usePortalText();
  const [items, setItems] = useState<PublicReply[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const [round, setRound] = useState(0);

  const load = (offset: number, signal?: AbortSignal) => {
    setLoading(true);
    setError(null);
    listReplies(unitId, { limit: PAGE, offset }, signal).then(
      (r) => {
        if (signal?.aborted) return;
        setItems((before) => (offset === 0 ? r.items : [...before, ...r.items]));
        setTotal(r.total);
        setLoading(false);
      },
      (e: unknown) => {
        if (signal?.aborted) return;
        setError(e);
        setLoading(false);
      },
    );
  };
  useEffect(() => {
    const controller = new AbortController();
    load(0, controller.signal);
    return () => controller.abort();
    // `load` is a new function each render; the unit and a retry say when to start again.
  }, [unitId, round]);

  return (
    <div>
      <p className="cz-hint">{t('pp.replies.intro')}</p>
      {total === 0 ? <p>{t('pp.replies.none')}</p> : null}
      <ol className="pp-replies">
        {items.map((r) => (
          <ReplyItem key={r.id} r={r} />
        ))}
      </ol>
      {error ? <PortalError error={error} onRetry={() => (items.length ? load(items.length) : setRound((n) => n + 1))} /> : null}
      {loading ? <PortalLoading /> : null}
      {!loading && !error && total !== null && items.length < total ? (
        <button type="button" className="cz-button" onClick={() => load(items.length)}>
          {t('pp.replies.more')}
        </button>
      ) : null}
    </div>
  );
}

function ReplyItem({ r }: { r: PublicReply }) {
  const { t, label, date, locale } = usePortalText();
  const list = (xs: string[]) => xs.join(locale === 'zh-CN' ? '、' : ', ');
  return (
    <li className="pp-reply" data-reply={r.id}>
      <article aria-label={`${label(r.rating.label)} · ${r.itemName}`}>
        <p className="pp-reply-head">
          <span className={`pp-level pp-level-${r.rating.level}`}>{label(r.rating.label)}</span>
          <span>{r.itemName}</span>
        </p>
        <dl className="pp-reply-facts">
          <div>
            <dt>{t('pp.reply.ratedOn')}</dt>
            <dd>
              <time dateTime={r.rating.ratedOn}>{date(r.rating.ratedOn)}</time>
            </dd>
          </div>
          <div>
            <dt>{t('pp.reply.channel')}</dt>
            <dd>{label(r.rating.channel)}</dd>
          </div>
          {r.rating.tags && r.rating.tags.length > 0 ? (
            <div>
              <dt>{t('pp.reply.reasons')}</dt>
              <dd>{list(r.rating.tags.map(label))}</dd>
            </div>
          ) : null}
          {r.rating.text ? (
            <div>
              <dt>{t('pp.reply.text')}</dt>
              <dd>{r.rating.text}</dd>
            </div>
          ) : null}
        </dl>
        <div className="pp-reply-answer">
          <h3 className="pp-h-small">
            {t('pp.reply.reply')}
            <span className="cz-hint">
              {' '}
              · {t('pp.reply.repliedOn')} <time dateTime={r.repliedOn}>{date(r.repliedOn)}</time>
            </span>
          </h3>
          <blockquote className="cz-quote">{r.reply}</blockquote>
          <p className="cz-hint">
            {t(`pp.reply.outcome.${r.outcome}`)}
            {r.revisitLevel !== null ? ` · ${t('pp.reply.revisit', { level: t(`pp.level.${r.revisitLevel as 1 | 2 | 3 | 4 | 5}`) })}` : ''}
          </p>
        </div>
      </article>
    </li>
  );
}
