import { App as AntApp, ConfigProvider, Result } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { Link, Outlet, useRouteError } from 'react-router';
import { CONSOLE_MESSAGES } from '@/i18n/console-messages.ts';
import { addMessages } from '@/i18n/dictionary.ts';
import { useI18n } from '@/i18n/i18n-context.ts';
import { useElderMode } from '@/lib/elder-mode.ts';

// The console's messages come with its code, so the landing page does not download them.
addMessages(CONSOLE_MESSAGES);

/** Ant Design's providers for everything under /console, in the chosen language and type size. */
function ConsoleProviders({ children }: { children: React.ReactNode }) {
  const { locale } = useI18n();
  const elder = useElderMode();
  return (
    <ConfigProvider
      locale={locale === 'zh-CN' ? zhCN : enUS}
      // "登录", not "登 录": the inserted space would also change what screen readers say.
      button={{ autoInsertSpace: false }}
      theme={{ token: { colorPrimary: '#1456d8', fontSize: elder ? 18 : 14, ...(elder ? { controlHeight: 40 } : {}) } }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function Component() {
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
