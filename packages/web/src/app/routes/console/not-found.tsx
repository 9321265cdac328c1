import { Result } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '@/i18n/i18n-context.ts';
import { useDocumentTitle } from '@/lib/use-document-title.ts';

/** An unknown path under /console. */
export function Component() {
  const { t } = useI18n();
  useDocumentTitle(t('page.notFound.title'), t('app.name'));
  return (
    <Result
      status="404"
      title={<h1 style={{ margin: 0, fontSize: 'inherit' }}>{t('page.notFound.title')}</h1>}
      subTitle={t('page.notFound.body')}
      extra={<Link to="/console">{t('page.backHome')}</Link>}
    />
  );
}
