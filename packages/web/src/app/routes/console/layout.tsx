import { Button, Layout, Menu, Segmented, Space, Spin, Switch, Tag, Typography, theme } from 'antd';
import { useEffect } from 'react';
import { Link, Outlet, redirect, useLoaderData, useLocation, useNavigate, useNavigation, type LoaderFunctionArgs } from 'react-router';
import { logout } from '@/features/auth/api/logout.ts';
import { getMe } from '@/features/auth/api/me.ts';
import { roleLabel } from '@/features/auth/role-label.ts';
import { NotificationBell } from '@/features/notifications/components/notification-bell.tsx';
import { LOCALE_NAMES, LOCALES, type Locale } from '@/i18n/dictionary.ts';
import { useI18n } from '@/i18n/i18n-context.ts';
import { isUnauthenticated, onUnauthenticated } from '@/lib/api-client.ts';
import { DraftOwner } from '@/lib/form-draft.ts';
import { setElderMode, useElderMode } from '@/lib/elder-mode.ts';
import { CONSOLE_NAV } from '../../console-nav.ts';
import { mayUse } from './may-use.ts';
import { loginPath } from './session.ts';

/** Every console page needs a session; without one, go to login and come back here after. */
export async function loader({ request }: LoaderFunctionArgs) {
  try {
    return await getMe(request.signal);
  } catch (e) {
    if (isUnauthenticated(e)) {
      const url = new URL(request.url);
      throw redirect(loginPath(url.pathname + url.search));
    }
    throw e;
  }
}

/** Ask the server again on every navigation, so an ended session is noticed at the next click. */
export const shouldRevalidate = () => true;

export function Component() {
  const user = useLoaderData<typeof loader>();
  const { t, locale, setLocale } = useI18n();
  const elder = useElderMode();
  const location = useLocation();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const { token } = theme.useToken();

  // A 401 from any API call on a page: the session is gone.
  useEffect(
    () => onUnauthenticated(() => navigate(loginPath(location.pathname + location.search), { replace: true })),
    [navigate, location.pathname, location.search],
  );

  const items = CONSOLE_NAV.filter((item) => mayUse(user.role, item)).map((item) => {
    const to = item.path ? `/console/${item.path}` : '/console';
    return { key: to, label: <Link to={to}>{t(item.label)}</Link> };
  });
  const selected = items.find((i) => i.key !== '/console' && location.pathname.startsWith(i.key))?.key ?? '/console';

  const doLogout = async () => {
    try {
      await logout();
    } finally {
      navigate('/console/login', { replace: true });
    }
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        {t('a11y.skipToMain')}
      </a>
      <Layout.Sider theme="light" width={220} breakpoint="lg" collapsedWidth={0} style={{ borderRight: `1px solid ${token.colorSplit}` }}>
        <Link to="/console" style={{ display: 'block', padding: '16px 24px', fontSize: '1.25em', fontWeight: 700, color: '#b3261e' }}>
          {t('app.shortName')}
        </Link>
        <nav aria-label={t('nav.menu')}>
          <Menu mode="inline" selectedKeys={[selected]} items={items} style={{ borderInlineEnd: 'none' }} />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{ background: token.colorBgContainer, borderBottom: `1px solid ${token.colorSplit}`, display: 'flex', alignItems: 'center', justifyContent: 'flex-end', gap: 16, paddingInline: 24, height: 'auto', minHeight: 64, flexWrap: 'wrap' }}
        >
          <NotificationBell />
          <Segmented<Locale>
            aria-label={t('language.label')}
            value={locale}
            onChange={setLocale}
            options={LOCALES.map((l) => ({ value: l, label: <span lang={l}>{LOCALE_NAMES[l]}</span> }))}
          />
          <Space size={6}>
            <Switch id="elder-mode" checked={elder} onChange={setElderMode} size="small" />
            <label htmlFor="elder-mode" style={{ cursor: 'pointer' }}>
              {t('elder.label')}
            </label>
          </Space>
          <div role="group" aria-label={t('header.user')} style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
            <Typography.Text strong>{user.displayName}</Typography.Text>
            <Tag color="blue" style={{ marginInlineEnd: 0 }}>
              {roleLabel(user.role, locale)}
            </Tag>
          </div>
          <Button onClick={doLogout}>{t('header.logout')}</Button>
        </Layout.Header>
        <Layout.Content id="main" tabIndex={-1} style={{ padding: 24, outline: 'none' }}>
          <Spin spinning={navigation.state === 'loading'} delay={300}>
            <DraftOwner.Provider value={user.id}>
              <Outlet />
            </DraftOwner.Provider>
          </Spin>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
