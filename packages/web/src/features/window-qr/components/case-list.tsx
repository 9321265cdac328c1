import { useEffect, useRef } from 'react';
import { Link } from '@/components/link.tsx';
import { useCitizenText } from '@/i18n/use-citizen-text.ts';
import type { IdentifiedCase } from '../api/identify.ts';

/** The cases a person identified by SMS code may rate, each a link to its evaluation page. */
export function CaseList({ cases }: { cases: IdentifiedCase[] }) {
  const { t, date } = useCitizenText();
  const heading = useRef<HTMLHeadingElement>(null);
  // The forms above are gone: move the focus to what replaced them.
  useEffect(() => heading.current?.focus(), []);
  return (
    <section aria-labelledby="qr-cases-title">
      <h2 id="qr-cases-title" tabIndex={-1} ref={heading}>
        {t('qr.cases')}
      </h2>
      {cases.length === 0 ? <p>{t('qr.noCases')}</p> : null}
      <ul className="cz-case-list">
        {cases.map((c) => (
          <li key={c.token}>
            <div>
              <strong>{c.itemName}</strong>
              <span className="cz-hint">{t('qr.caseLine', { caseNo: c.caseNo, date: date(c.completedAt) })}</span>
            </div>
            <Link className="cz-button cz-button-primary" to={`/e/${c.token}`} aria-label={`${t('qr.rate')}：${c.itemName}（${c.caseNo}）`}>
              {t('qr.rate')}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
