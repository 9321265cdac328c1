import { addDays } from '@hcp/domain';
import { Alert, Button, Form, Input, Radio, type FormInstance } from 'antd';
import { useI18n } from '@/i18n/i18n-context.ts';
import { usePageFormDraft } from '@/lib/form-draft.ts';
import { useFormSubmit } from '@/lib/use-form-submit.ts';
import { saveCalendarOverrides, type DayChange } from '../api/save-calendar-overrides.ts';

export interface OverrideValues {
  /** YYYY-MM-DD, from native date inputs (keyboard- and screen-reader-friendly everywhere). */
  from: string;
  to?: string;
  kind: DayChange['kind'];
  name?: string;
  note?: string;
}

/** The name of the form's draft (form-draft.ts); its record is the region. */
export const OVERRIDE_DRAFT = 'calendar-override';

/** The record of the form's draft: the page shows this region again. */
export interface OverrideDraftContext {
  regionCode: string;
}

/** Where the server's field names land in this form. */
const ALIAS = { 'days.0.date': 'from', 'days.0.to': 'to', 'days.0.name': 'name', days: 'from' };

/**
 * Adds a holiday or a working day, or removes a correction, for one day or a range, as a new version.
 * What was typed survives the end of the session (usePageFormDraft).
 */
export function OverrideForm({ regionCode, form, onSaved }: { regionCode: string; form: FormInstance<OverrideValues>; onSaved: (r: { version: number; days: number }) => void }) {
  const { t } = useI18n();
  const draft = usePageFormDraft(OVERRIDE_DRAFT, form, { context: { regionCode } satisfies OverrideDraftContext });
  const { submit, pending, error } = useFormSubmit(
    form,
    (v: OverrideValues) => {
      const { from, to } = v;
      const day: DayChange = { date: from, kind: v.kind, ...(to && to !== from ? { to } : {}), ...(v.name?.trim() ? { name: v.name.trim() } : {}) };
      return saveCalendarOverrides(regionCode, [day], v.note);
    },
    (r) => {
      form.resetFields(['from', 'to', 'name', 'note']);
      draft.discard();
      onSaved(r);
    },
    ALIAS,
  );
  return (
    <Form<OverrideValues> form={form} name="calendar-override" layout="vertical" initialValues={{ kind: 'holiday' }} onFinish={(v) => void submit(v)} disabled={pending}>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Form.Item label={t('calendar.kind')} name="kind" rules={[{ required: true }]}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'holiday', label: t('calendar.kind.holiday') },
            { value: 'workday', label: t('calendar.kind.workday') },
            { value: 'clear', label: t('calendar.kind.clear') },
          ]}
        />
      </Form.Item>
      <Form.Item label={t('calendar.from')} name="from" rules={[{ required: true, message: t('common.choose', { what: t('calendar.from') }) }]}>
        <Input type="date" min="2000-01-01" max="2100-12-31" />
      </Form.Item>
      <Form.Item
        label={t('calendar.to')}
        name="to"
        dependencies={['from']}
        extra={t('calendar.toHint')}
        rules={[
          ({ getFieldValue }) => ({
            validator: async (_, to: string | undefined) => {
              const from = getFieldValue('from') as string | undefined;
              if (to && from && to < from) throw new Error(t('calendar.toBeforeFrom'));
              if (to && from && to >= addDays(from, 366)) throw new Error(t('calendar.rangeTooLong'));
            },
          }),
        ]}
      >
        <Input type="date" min="2000-01-01" max="2100-12-31" />
      </Form.Item>
      <Form.Item label={t('calendar.name')} name="name" rules={[{ max: 100 }]} extra={t('calendar.nameHint')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item label={t('calendar.note')} name="note" rules={[{ max: 200 }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Button type="primary" htmlType="submit" disabled={pending} aria-busy={pending}>
        {t('calendar.save')}
      </Button>
    </Form>
  );
}
