import { hasPermission } from '@hcp/domain';
import { Result, Typography } from 'antd';
import { Link, useMatches } from 'react-router';
import { useI18n } from '@/i18n/i18n-context.ts';
import { useDocumentTitle } from '@/lib/use-document-title.ts';
import type { ConsoleNavItem } from '../../console-nav.ts';
import { useConsoleUser } from './session.ts';

/**
 * A console page whose screens are not built yet: it says so and points to the API. Deep links to
 * a page the role may not use show "not allowed" (the server refuses the calls anyway).
 */
export function Component() {
  const { t } = useI18n();
  const user = useConsoleUser();
  const nav = (useMatches().at(-1)?.handle as { nav?: ConsoleNavItem } | undefined)?.nav;
  const title = nav ? t(nav.label) : '';
  useDocumentTitle(title, t('app.name'));
  if (nav?.permission && !hasPermission(user.role, nav.permission)) {
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
      <Result
        status="info"
        title={t('page.todo.title')}
        subTitle={
          <>
            {t('page.todo.body')} <a href="/api/docs">/api/docs</a>
          </>
        }
      />
    </div>
  );
}
