import { Result } from 'antd';
import { Link, redirect, useLoaderData, useParams, type LoaderFunctionArgs } from 'react-router';
import { getMe } from '@/features/auth/api/me.ts';
import { PosterPage } from '@/features/window-poster/components/poster-page.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import { isUnauthenticated } from '@/lib/api-client.ts';
import { useDocumentTitle } from '@/lib/use-document-title.ts';
import { loginPath } from './session.ts';

/**
 * The print page of a window's QR poster. It sits outside the console layout so that nothing but
 * the poster is printed, and so it needs its own session check.
 */
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

export function Component() {
  useLoaderData<typeof loader>();
  const { t } = useI18n();
  const id = Number(useParams().id);
  useDocumentTitle(t('poster.title'), t('app.name'));
  const back = <Link to="/console/devices">{t('poster.back')}</Link>;
  if (!Number.isInteger(id) || id < 1) return <Result status="404" title={t('page.notFound.title')} extra={back} />;
  return <PosterPage windowId={id} backTo={back} />;
}
