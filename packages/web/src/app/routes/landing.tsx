import { Link } from 'react-router';
import { ElderModeToggle } from '@/components/elder-mode-toggle.tsx';
import { LanguageSwitch } from '@/components/language-switch.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import { useDocumentTitle } from '@/lib/use-document-title.ts';
import '../styles/landing.css';

/** The public landing page: plain HTML and CSS, no Ant Design. */
export function LandingRoute() {
  const { t } = useI18n();
  useDocumentTitle(t('app.name'), t('app.name'));
  return (
    <div className="landing">
      <a className="skip-link" href="#main">
        {t('a11y.skipToMain')}
      </a>
      <header className="landing-header">
        <span className="landing-brand" lang="zh-CN">
          好差评
        </span>
        <div className="landing-prefs">
          <LanguageSwitch />
          <ElderModeToggle />
        </div>
      </header>
      <main id="main" className="landing-main" tabIndex={-1}>
        <h1>{t('app.name')}</h1>
        <p className="landing-tagline">{t('landing.tagline')}</p>
        <p className="landing-description">{t('landing.description')}</p>
        <nav className="landing-actions" aria-label={t('nav.menu')}>
          <Link className="landing-button landing-button-primary" to="/console">
            {t('landing.console')}
          </Link>
          <a className="landing-button" href="/api/docs">
            {t('landing.apiDocs')}
          </a>
        </nav>
      </main>
      <footer className="landing-footer">{t('landing.openSource')}</footer>
    </div>
  );
}
