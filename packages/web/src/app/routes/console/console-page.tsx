import { Result, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useMatches } from 'react-router';
import { useI18n } from '@/i18n/i18n-context.ts';
import { useDocumentTitle } from '@/lib/use-document-title.ts';
import type { ConsoleNavItem } from '../../console-nav.ts';
import { mayUse } from './may-use.ts';
import { useConsoleUser } from './session.ts';

/**
 * The frame of a console page: its title (h1 and browser tab) from the menu entry, and "not
 * allowed" instead of the page for a deep link the role may not use (the server refuses the calls
 * anyway).
 */
export function ConsolePage({ children, title: own }: { children: ReactNode; /** A sub-page's own title (one record); else the menu entry's. */ title?: string }) {
  const { t } = useI18n();
  const user = useConsoleUser();
  const nav = (useMatches().at(-1)?.handle as { nav?: ConsoleNavItem } | undefined)?.nav;
  const title = own ?? (nav ? t(nav.label) : '');
  useDocumentTitle(title, t('app.name'));
  if (nav && !mayUse(user.role, nav)) {
    return (
      <Result
        status="403"
        title={<h1 style={{ margin: 0, fontSize: 'inherit' }}>{t('page.forbidden.title')}</h1>}
        subTitle={t('page.forbidden.body')}
        extra={<Link to="/console">{t('page.backHome')}</Link>}
      />
    );
  }
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: '1.75em' }}>
        {title}
      </Typography.Title>
      {children}
    </div>
  );
}
