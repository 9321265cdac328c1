import { ALL_CASE_STAGES, CHANNELS, type CaseStage, type Channel } from '@hcp/domain';
import { DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { FilterForm } from '@/components/filter-form.tsx';
import { OrganisationSelect } from '@/components/organisation-select.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import type { CaseQuery } from '../api/list-cases.ts';
import { stageName } from '../labels.ts';

interface Values {
  unitId?: number | null;
  itemCode?: string;
  stage?: CaseStage | null;
  channel?: Channel | null;
  completed?: [Dayjs, Dayjs] | null;
  caseNo?: string;
  phone?: string;
}

/** The start of a day in Beijing time, as an RFC 3339 instant. */
const dayStart = (d: Dayjs) => `${d.format('YYYY-MM-DD')}T00:00:00+08:00`;

/** Turns the filter form into the query of GET /api/cases; the completed range covers whole days. */
export function toCaseQuery(v: Partial<Values>): Omit<CaseQuery, 'limit' | 'offset'> {
  const q: Omit<CaseQuery, 'limit' | 'offset'> = {};
  if (v.unitId) q.unitId = v.unitId;
  if (v.itemCode?.trim()) q.itemCode = v.itemCode.trim();
  if (v.stage) q.stage = v.stage;
  if (v.channel) q.channel = v.channel;
  if (v.completed?.[0] && v.completed[1]) {
    q.completedFrom = dayStart(v.completed[0]);
    q.completedTo = dayStart(v.completed[1].add(1, 'day'));
  }
  if (v.caseNo?.trim()) q.caseNo = v.caseNo.trim();
  if (v.phone?.trim()) q.phone = v.phone.trim();
  return q;
}

export function CaseFilters({ onApply }: { onApply: (query: Omit<CaseQuery, 'limit' | 'offset'>) => void }) {
  const { t, locale } = useI18n();
  return (
    <FilterForm<Values> name="case-filter" onApply={(v) => onApply(toCaseQuery(v))}>
      <Form.Item label={t('cases.caseNo')} name="caseNo" rules={[{ pattern: /^[0-9A-Za-z._-]*$/, message: t('cases.caseNoInvalid') }]}>
        <Input allowClear style={{ width: 200 }} />
      </Form.Item>
      <Form.Item label={t('cases.unit')} name="unitId">
        <OrganisationSelect kinds={['unit']} allowClear style={{ width: 200 }} />
      </Form.Item>
      <Form.Item label={t('cases.itemCode')} name="itemCode">
        <Input allowClear style={{ width: 160 }} />
      </Form.Item>
      <Form.Item label={t('cases.stage')} name="stage">
        <Select allowClear style={{ width: 130 }} options={ALL_CASE_STAGES.map((s) => ({ value: s, label: stageName(s, locale) }))} />
      </Form.Item>
      <Form.Item label={t('cases.channel')} name="channel">
        <Select allowClear style={{ width: 110 }} options={CHANNELS.map((c) => ({ value: c, label: t(`cases.channel.${c}`) }))} />
      </Form.Item>
      <Form.Item label={t('cases.completedBetween')} name="completed">
        <DatePicker.RangePicker allowEmpty={[false, false]} />
      </Form.Item>
      <Form.Item
        label={t('cases.phone')}
        name="phone"
        rules={[{ pattern: /^\+?[0-9][0-9 -]{4,19}$/, message: t('cases.phoneInvalid') }]}
        tooltip={t('cases.phoneHint')}
      >
        <Input allowClear inputMode="tel" style={{ width: 160 }} />
      </Form.Item>
    </FilterForm>
  );
}
