import { useParams } from 'react-router';
import { WorkOrderPage } from '@/features/work-orders/components/work-order-page.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import { ConsolePage } from './console-page.tsx';
import { useConsoleUser } from './session.ts';

/** /console/work-orders/:id: one work order with its timeline and the steps the user may take. */
export function Component() {
  const { t } = useI18n();
  const user = useConsoleUser();
  const id = Number(useParams().id);
  if (!Number.isInteger(id) || id < 1) {
    return <ConsolePage title={t('page.notFound.title')}>{t('page.notFound.body')}</ConsolePage>;
  }
  return (
    <ConsolePage title={t('wo.idN', { id })}>
      <WorkOrderPage key={id} id={id} role={user.role} />
    </ConsolePage>
  );
}
