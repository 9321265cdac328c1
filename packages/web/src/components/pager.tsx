import { Button, Space, Typography } from 'antd';
import { useI18n } from '@/i18n/i18n-context.ts';

/**
 * Previous / next for lists the API pages with limit and offset (or a cursor) and no total: a page
 * asks for one row more than it shows, and that extra row says whether there is a next page.
 */
export function Pager({ page, hasNext, onPage, label }: { page: number; hasNext: boolean; onPage: (page: number) => void; label: string }) {
  const { t } = useI18n();
  if (page === 0 && !hasNext) return null;
  return (
    <nav aria-label={label} style={{ display: 'flex', justifyContent: 'flex-end', marginTop: 16 }}>
      <Space>
        <Button disabled={page === 0} onClick={() => onPage(page - 1)}>
          {t('common.prevPage')}
        </Button>
        <Typography.Text aria-live="polite">{t('common.pageN', { n: page + 1 })}</Typography.Text>
        <Button disabled={!hasNext} onClick={() => onPage(page + 1)}>
          {t('common.nextPage')}
        </Button>
      </Space>
    </nav>
  );
}

/** Rows per page in the console's tables. */
export const PAGE_SIZE = 20;
