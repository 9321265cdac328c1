import { ElderModeToggle } from '@/components/elder-mode-toggle.tsx';
import { LanguageSwitch } from '@/components/language-switch.tsx';
import { Link } from '@/components/link.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import { useDocumentTitle } from '@/lib/use-document-title.ts';
import '../styles/landing.css';

/** The public landing page: plain HTML and CSS, no Ant Design. */
export function Component() {
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
          {/* The console is another app (React and Ant Design): a page load, not a route of this one. */}
          <a className="landing-button landing-button-primary" href="/console">
            {t('landing.console')}
          </a>
          <Link className="landing-button" to="/public">
            {t('landing.portal')}
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
