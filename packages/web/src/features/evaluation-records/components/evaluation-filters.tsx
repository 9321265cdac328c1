import { EVALUATION_CHANNELS, LEVELS, type EvaluationChannel } from '@hcp/domain';
import { DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { FilterForm } from '@/components/filter-form.tsx';
import { OrganisationSelect } from '@/components/organisation-select.tsx';
import { RegionSelect } from '@/components/region-select.tsx';
import { RemoteSelect } from '@/components/remote-select.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import { channelName, levelName } from '@/lib/evaluation-labels.ts';
import type { EvaluationQuery } from '../api/list-evaluations.ts';
import { searchStaff, staffById, type StaffOption } from '../api/search-staff.ts';

interface Values {
  caseNo?: string;
  regionCode?: string | null;
  unitId?: number | null;
  windowId?: number | null;
  staffId?: number | null;
  level?: number | null;
  bad?: 'yes' | 'no' | null;
  kind?: 'active' | 'default' | null;
  channel?: EvaluationChannel | null;
  submitted?: [Dayjs, Dayjs] | null;
}

export type EvaluationFilter = Omit<EvaluationQuery, 'limit' | 'offset'>;

/** Turns the filter form into the query of GET /api/evaluations; the date range covers whole Beijing days. */
export function toEvaluationQuery(v: Partial<Values>): EvaluationFilter {
  const q: EvaluationFilter = {};
  if (v.caseNo?.trim()) q.caseNo = v.caseNo.trim();
  if (v.regionCode) q.regionCode = v.regionCode;
  if (v.unitId) q.unitId = v.unitId;
  if (v.windowId) q.windowId = v.windowId;
  if (v.staffId) q.staffId = v.staffId;
  if (v.level) q.level = v.level;
  if (v.bad) q.bad = v.bad === 'yes';
  if (v.kind) q.kind = v.kind;
  if (v.channel) q.channel = v.channel;
  if (v.submitted?.[0] && v.submitted[1]) {
    q.from = v.submitted[0].format('YYYY-MM-DD');
    q.to = v.submitted[1].format('YYYY-MM-DD');
  }
  return q;
}

const staffLabel = (s: StaffOption) => `${s.name}（${s.employeeNo} · ${s.unitName}）`;

export function EvaluationFilters({ onApply }: { onApply: (filter: EvaluationFilter) => void }) {
  const { t, locale } = useI18n();
  return (
    <FilterForm<Values> name="evaluation-filter" onApply={(v) => onApply(toEvaluationQuery(v))}>
      <Form.Item label={t('cases.caseNo')} name="caseNo" rules={[{ pattern: /^[0-9A-Za-z._-]*$/, message: t('cases.caseNoInvalid') }]}>
        <Input allowClear style={{ width: 180 }} />
      </Form.Item>
      <Form.Item label={t('common.region')} name="regionCode">
        <RegionSelect allowClear style={{ width: 180 }} />
      </Form.Item>
      <Form.Item label={t('evaluations.unit')} name="unitId">
        <OrganisationSelect kinds={['unit']} allowClear style={{ width: 200 }} />
      </Form.Item>
      <Form.Item label={t('evaluations.window')} name="windowId">
        <OrganisationSelect kinds={['window']} allowClear style={{ width: 180 }} />
      </Form.Item>
      <Form.Item label={t('evaluations.staff')} name="staffId">
        <RemoteSelect<number>
          allowClear
          style={{ width: 180 }}
          search={async (q, signal) => (await searchStaff(q, signal)).map((s) => ({ value: s.id, label: staffLabel(s) }))}
          resolve={async (id) => staffLabel(await staffById(id))}
        />
      </Form.Item>
      <Form.Item label={t('evaluations.level')} name="level">
        <Select allowClear style={{ width: 130 }} options={LEVELS.map((l) => ({ value: l, label: `${l} ${levelName(l, locale)}` }))} />
      </Form.Item>
      <Form.Item label={t('evaluations.bad')} name="bad">
        <Select
          allowClear
          style={{ width: 110 }}
          options={[
            { value: 'yes', label: t('evaluations.badOnly') },
            { value: 'no', label: t('evaluations.notBad') },
          ]}
        />
      </Form.Item>
      <Form.Item label={t('evaluations.kind')} name="kind">
        <Select
          allowClear
          style={{ width: 120 }}
          options={[
            { value: 'active', label: t('evaluations.kind.active') },
            { value: 'default', label: t('evaluations.kind.default') },
          ]}
        />
      </Form.Item>
      <Form.Item label={t('evaluations.channel')} name="channel">
        <Select allowClear style={{ width: 170 }} options={EVALUATION_CHANNELS.map((c) => ({ value: c, label: channelName(c, locale) }))} />
      </Form.Item>
      <Form.Item label={t('evaluations.submittedBetween')} name="submitted">
        <DatePicker.RangePicker allowEmpty={[false, false]} />
      </Form.Item>
    </FilterForm>
  );
}
