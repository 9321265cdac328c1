import { Alert, App, Button, Form, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '@/i18n/i18n-context.ts';
import { ApiError, type ApiErrorDetail } from '@/lib/api-client.ts';
import { errorMessage } from '@/lib/error-message.ts';
import { applyCalendarImport, type CalendarImportApplied } from '../api/apply-calendar-import.ts';
import { downloadCalendarTemplate } from '../api/download-calendar-template.ts';
import { previewCalendarImport, type CalendarImportPreview, type DayState } from '../api/preview-calendar-import.ts';

type Step =
  | { kind: 'idle' }
  | { kind: 'preview'; preview: CalendarImportPreview }
  | { kind: 'rejected'; message: string; problems: ApiErrorDetail[] }
  | { kind: 'applied'; result: CalendarImportApplied };

/**
 * 导入全年安排: upload a year's holiday arrangement (CSV date,type,name or an .ics feed), see which days
 * it changes, then confirm to save it as one new version.
 */
export function CalendarImport({ regionCode, year, onApplied }: { regionCode: string; year: number; onApplied: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [fileMissing, setFileMissing] = useState(false);
  const [pending, setPending] = useState(false);
  const [step, setStep] = useState<Step>({ kind: 'idle' });

  const fail = (e: unknown) => setStep({ kind: 'rejected', message: errorMessage(e, t), problems: e instanceof ApiError ? e.details : [] });
  const preview = async () => {
    if (!file) {
      setFileMissing(true);
      return;
    }
    setPending(true);
    try {
      setStep({ kind: 'preview', preview: await previewCalendarImport(regionCode, year, file) });
    } catch (e) {
      fail(e);
    } finally {
      setPending(false);
    }
  };
  const apply = async (p: CalendarImportPreview) => {
    if (!file) return;
    setPending(true);
    try {
      const result = await applyCalendarImport(regionCode, year, file, p.baseVersion);
      setStep({ kind: 'applied', result });
      onApplied();
    } catch (e) {
      fail(e);
    } finally {
      setPending(false);
    }
  };
  const state = (s: DayState) => [s.working ? t('calendar.working') : t('calendar.off'), s.name].filter(Boolean).join(' · ');

  return (
    <div>
      <Typography.Paragraph type="secondary">{t('calendar.importHint', { year })}</Typography.Paragraph>
      <Form layout="vertical" disabled={pending} onFinish={() => void preview()} style={{ maxWidth: 560 }}>
        <Form.Item label={t('calendar.importTemplate')}>
          <Button onClick={() => void downloadCalendarTemplate(year).catch((e: unknown) => message.error(errorMessage(e, t)))}>{t('calendar.importTemplateCsv', { year })}</Button>
        </Form.Item>
        <Form.Item
          label={t('calendar.importFile', { year })}
          htmlFor="calendar-import-file"
          extra={t('calendar.importFileHint')}
          required
          {...(fileMissing ? { validateStatus: 'error' as const, help: t('calendar.importFileRequired') } : {})}
        >
          <input
            id="calendar-import-file"
            type="file"
            accept=".csv,.ics,text/csv,text/calendar"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setFileMissing(false);
              setStep({ kind: 'idle' });
            }}
          />
        </Form.Item>
        <Button htmlType="submit" disabled={pending} aria-busy={pending}>
          {t('calendar.importPreview')}
        </Button>
      </Form>
      <div aria-live="polite" style={{ marginTop: 16 }}>
        {step.kind === 'rejected' && (
          <>
            <Alert type="error" showIcon role="alert" title={t('calendar.importRejected', { n: step.problems.length })} description={step.message} style={{ marginBottom: 16 }} />
            {step.problems.length > 0 && (
              <Table<ApiErrorDetail & { key: number }>
                aria-label={t('calendar.importProblems')}
                size="small"
                pagination={false}
                dataSource={step.problems.map((p, key) => ({ ...p, key }))}
                columns={[
                  { title: t('calendar.importRow'), dataIndex: 'row', width: 90, render: (r?: number) => r ?? '' },
                  { title: t('calendar.importColumn'), width: 120, render: (_: unknown, p: ApiErrorDetail) => p.column ?? p.field ?? '' },
                  { title: t('calendar.importReason'), dataIndex: 'reason' },
                ]}
              />
            )}
          </>
        )}
        {step.kind === 'applied' && (
          <Alert
            type="success"
            showIcon
            title={step.result.applied ? t('calendar.importApplied', { version: step.result.version, days: step.result.changes }) : t('calendar.importUnchanged', { version: step.result.version })}
          />
        )}
        {step.kind === 'preview' && (
          <>
            <Alert
              type={step.preview.writes > 0 ? 'info' : 'success'}
              showIcon
              style={{ marginBottom: 16 }}
              title={t('calendar.importSummary', { days: step.preview.days, holidays: step.preview.holidays, workdays: step.preview.workdays, changes: step.preview.changes.length })}
              {...(step.preview.writes === 0 ? { description: t('calendar.importNothing') } : {})}
            />
            {step.preview.changes.length > 0 && (
              <Table<CalendarImportPreview['changes'][number]>
                aria-label={t('calendar.importChanges')}
                size="small"
                rowKey="date"
                pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
                dataSource={step.preview.changes}
                columns={[
                  { title: t('calendar.importDate'), dataIndex: 'date', width: 130 },
                  { title: t('calendar.importBefore'), render: (_: unknown, c) => state(c.before) },
                  { title: t('calendar.importAfter'), render: (_: unknown, c) => state(c.after) },
                ]}
              />
            )}
            {step.preview.writes > 0 && (
              <Space style={{ marginTop: 16 }}>
                <Button type="primary" disabled={pending} aria-busy={pending} onClick={() => void apply(step.preview)}>
                  {t('calendar.importConfirm', { year })}
                </Button>
                <Button disabled={pending} onClick={() => setStep({ kind: 'idle' })}>
                  {t('common.cancel')}
                </Button>
              </Space>
            )}
          </>
        )}
      </div>
    </div>
  );
}
