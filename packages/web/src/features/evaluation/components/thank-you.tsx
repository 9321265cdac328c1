import { Link } from '@/components/link.tsx';
import { Notice } from '@/components/notice.tsx';
import { useCitizenText } from '@/i18n/use-citizen-text.ts';

/** After a rating is stored; a bad rating is told that it will be followed up (差评整改). */
export function ThankYou({ bad }: { bad: boolean }) {
  const { t } = useCitizenText();
  return (
    <Notice
      title={t('ev.thanks.title')}
      tone="success"
      actions={
        <Link className="cz-link" to="/suggest">
          {t('cz.suggestLink')}
        </Link>
      }
    >
      <p>{t('ev.thanks.body')}</p>
      {bad ? <p>{t('ev.thanks.bad')}</p> : null}
    </Notice>
  );
}
