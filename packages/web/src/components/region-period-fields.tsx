import { Form, Input, Select } from 'antd';
import { useI18n } from '@/i18n/i18n-context.ts';
import { RegionSelect } from './region-select.tsx';

/** A period as the server takes it: a month (2026-10) or a quarter (2026-Q4). */
export type PeriodKind = 'month' | 'quarter';
const PERIOD: Record<PeriodKind, RegExp> = { month: /^[0-9]{4}-(0[1-9]|1[0-2])$/, quarter: /^[0-9]{4}-Q[1-4]$/ };

/**
 * The region, the period kind and the period of a form that asks for a region's month or quarter
 * (a report, a revisit sample), named regionCode, periodKind and period. `kind` is the form's
 * current period kind: the period is checked against it.
 */
export function RegionPeriodFields({ kind }: { kind: PeriodKind }) {
  const { t } = useI18n();
  return (
    <>
      <Form.Item label={t('common.region')} name="regionCode" rules={[{ required: true, message: t('common.choose', { what: t('common.region') }) }]}>
        <RegionSelect style={{ width: 220 }} />
      </Form.Item>
      <Form.Item label={t('reports.periodKind')} name="periodKind" rules={[{ required: true }]}>
        <Select style={{ width: 110 }} options={(['month', 'quarter'] as const).map((k) => ({ value: k, label: t(`reports.kind.${k}`) }))} />
      </Form.Item>
      <Form.Item label={t('reports.period')} name="period" tooltip={t('reports.periodHint')} rules={[{ required: true, pattern: PERIOD[kind], message: t('reports.periodFormat') }]}>
        <Input style={{ width: 120 }} placeholder={kind === 'month' ? '2026-10' : '2026-Q4'} />
      </Form.Item>
    </>
  );
}
