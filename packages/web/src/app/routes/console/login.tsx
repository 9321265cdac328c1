import { Card, Segmented, Typography } from 'antd';
import { redirect, useNavigate, useSearchParams, type LoaderFunctionArgs } from 'react-router';
import { getMe } from '@/features/auth/api/me.ts';
import { LoginForm } from '@/features/auth/components/login-form.tsx';
import { LOCALE_NAMES, LOCALES, type Locale } from '@/i18n/dictionary.ts';
import { useI18n } from '@/i18n/i18n-context.ts';
import { useDocumentTitle } from '@/lib/use-document-title.ts';
import { safeNext } from './session.ts';

/** Someone already logged in goes straight on to where they were headed. */
export async function loader({ request }: LoaderFunctionArgs) {
  const next = safeNext(new URL(request.url).searchParams.get('next'));
  const loggedIn = await getMe(request.signal).then(
    () => true,
    () => false,
  );
  if (loggedIn) throw redirect(next);
  return null;
}

export function Component() {
  const { t, locale, setLocale } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  useDocumentTitle(t('login.title'), t('app.name'));
  return (
    <div style={{ minHeight: '100vh', display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', padding: 24, boxSizing: 'border-box' }}>
      <main id="main" style={{ width: '100%', maxWidth: 400 }}>
        <Card>
          <Typography.Text type="secondary">{t('app.name')}</Typography.Text>
          <Typography.Title level={1} style={{ marginTop: 4, fontSize: '1.6em' }}>
            {t('login.title')}
          </Typography.Title>
          <LoginForm onSuccess={() => navigate(safeNext(params.get('next')), { replace: true })} />
        </Card>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginTop: 16 }}>
          {/* The home page is the public app, not a route of the console's. */}
          <a href="/">{t('login.backHome')}</a>
          <Segmented<Locale>
            aria-label={t('language.label')}
            size="small"
            value={locale}
            onChange={setLocale}
            options={LOCALES.map((l) => ({ value: l, label: <span lang={l}>{LOCALE_NAMES[l]}</span> }))}
          />
        </div>
      </main>
    </div>
  );
}
