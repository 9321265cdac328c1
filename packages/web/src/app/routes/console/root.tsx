import { App as AntApp, ConfigProvider, Result } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { Link, Outlet, useRouteError } from 'react-router';
import { CONSOLE_MESSAGES } from '@/i18n/console-messages.ts';
import { addMessages } from '@/i18n/dictionary.ts';
import { useI18n } from '@/i18n/i18n-context.ts';
import { useElderMode } from '@/lib/elder-mode.ts';
import { useFocusableScrollBoxes } from '@/lib/focusable-scroll.ts';
import { useReducedMotion } from '@/lib/reduced-motion.ts';

// The console's messages come with its code, so the landing page does not download them.
addMessages(CONSOLE_MESSAGES);

/**
 * WCAG AA contrast (4.5:1) where Ant Design's defaults fall short (axe, e2e/accessibility.test.ts):
 * links, secondary text, placeholders and danger red darker. Tags and empty tables: styles/console.css.
 */
const CONTRAST_TOKENS = {
  colorLink: '#1456d8',
  colorTextDescription: 'rgba(0, 0, 0, 0.62)',
  colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
  colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
  // A danger button's text on white.
  colorError: '#cf1322',
} as const;

/** Ant Design's providers for everything under /console, in the chosen language and type size, animated unless the system asks for less motion. */
function ConsoleProviders({ children }: { children: React.ReactNode }) {
  const { locale } = useI18n();
  const elder = useElderMode();
  const reducedMotion = useReducedMotion();
  return (
    <ConfigProvider
      locale={locale === 'zh-CN' ? zhCN : enUS}
      // "登录", not "登 录": the inserted space would also change what screen readers say.
      button={{ autoInsertSpace: false }}
      theme={{ token: { colorPrimary: '#1456d8', fontSize: elder ? 18 : 14, ...(elder ? { controlHeight: 40 } : {}), ...CONTRAST_TOKENS, motion: !reducedMotion } }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function Component() {
  useFocusableScrollBoxes();
  return (
    <ConsoleProviders>
      <Outlet />
    </ConsoleProviders>
  );
}

/** Errors no page below handled (a failed chunk download, a bug). */
export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useI18n();
  return (
    <ConsoleProviders>
      <Result
        status="error"
        title={t('page.error.title')}
        subTitle={error instanceof Error ? error.message : String(error)}
        extra={<Link to="/console">{t('page.backHome')}</Link>}
      />
    </ConsoleProviders>
  );
}
