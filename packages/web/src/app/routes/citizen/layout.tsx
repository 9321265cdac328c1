import type { ReactNode } from 'react';
import { ElderModeToggle } from '@/components/elder-mode-toggle.tsx';
import { LanguageSwitch } from '@/components/language-switch.tsx';
import { Link } from '@/components/link.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import '../../styles/landing.css';
import '../../styles/citizen.css';

/**
 * The frame of the citizen pages (/e, /q, /suggest): the landing page's header with the language
 * and the elder-friendly mode (适老化), plain HTML and CSS, no Ant Design.
 */
export function Component({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="landing cz-page">
      <a className="skip-link" href="#main">
        {t('a11y.skipToMain')}
      </a>
      <header className="landing-header">
        <Link className="landing-brand cz-brand" to="/" lang="zh-CN">
          好差评
        </Link>
        <div className="landing-prefs">
          <LanguageSwitch />
          <ElderModeToggle />
        </div>
      </header>
      <main id="main" className="cz-main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
