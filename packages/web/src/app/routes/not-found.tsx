import { Link } from '@/components/link.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import { useDocumentTitle } from '@/lib/use-document-title.ts';
import '../styles/landing.css';

/** Any path outside /console that the app does not know. */
export function Component() {
  const { t } = useI18n();
  useDocumentTitle(t('page.notFound.title'), t('app.name'));
  return (
    <div className="landing">
      <main id="main" className="landing-main">
        <h1>{t('page.notFound.title')}</h1>
        <p>{t('page.notFound.body')}</p>
        <p>
          <Link className="landing-button landing-button-primary" to="/">
            {t('page.backHome')}
          </Link>
        </p>
      </main>
    </div>
  );
}
