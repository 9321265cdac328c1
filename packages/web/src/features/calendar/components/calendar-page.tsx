import { Alert, App, Button, Card, Col, Form, Row, Space, Spin, Statistic, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { QueryError } from '@/components/query-error.tsx';
import { RegionSelect } from '@/components/region-select.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import { useKeptDraftContext } from '@/lib/form-draft.ts';
import { organisationById } from '@/lib/lookups/organisations.ts';
import { useCalendarYear } from '../api/get-calendar-year.ts';
import { CalendarImport } from './calendar-import.tsx';
import { CalendarVersions } from './calendar-versions.tsx';
import { OVERRIDE_DRAFT, OverrideForm, type OverrideDraftContext, type OverrideValues } from './override-form.tsx';
import { YearGrid, YearGridLegend } from './year-grid.tsx';

export interface CalendarPageProps {
  canWrite: boolean;
  /** Only a system administrator sees and changes the national layer. */
  isSysadmin: boolean;
  scopeRegionCode: string | null;
  scopeOrgId: number | null;
}

/** 工作日历: a region's working days for a year, its corrections and their versions. */
export function CalendarPage({ canWrite, isSysadmin, scopeRegionCode, scopeOrgId }: CalendarPageProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  // Back after the session ended with a correction typed: the page shows its region again, and the form takes its draft back.
  const kept = useKeptDraftContext<OverrideDraftContext>(OVERRIDE_DRAFT);
  const [region, setRegion] = useState<string | null>(kept?.regionCode ?? scopeRegionCode ?? (isSysadmin ? 'national' : null));
  const [year, setYear] = useState(() => new Date().getFullYear());
  const [round, setRound] = useState(0);
  const [form] = Form.useForm<OverrideValues>();
  const calendar = useCalendarYear(region, year, round);
  const mayWrite = canWrite && region !== null && (region !== 'national' || isSysadmin);

  // A user scoped to a unit only starts at the unit's region.
  useEffect(() => {
    if (region === null && scopeOrgId !== null) void organisationById(scopeOrgId).then((o) => setRegion(o.regionCode), () => undefined);
  }, [region, scopeOrgId]);

  return (
    <div>
      <Space wrap size="large" style={{ marginBottom: 16 }}>
        <Space>
          <label htmlFor="calendar-region">{t('common.region')}</label>
          <RegionSelect id="calendar-region" national={isSysadmin} value={region} onChange={(v) => setRegion(typeof v === 'string' ? v : null)} style={{ width: 260 }} />
        </Space>
        <Space role="group" aria-label={t('calendar.year')}>
          <Button onClick={() => setYear((y) => y - 1)} aria-label={t('calendar.prevYear')}>‹</Button>
          <Typography.Text strong aria-live="polite">{t('calendar.yearN', { year })}</Typography.Text>
          <Button onClick={() => setYear((y) => y + 1)} aria-label={t('calendar.nextYear')}>›</Button>
        </Space>
      </Space>
      {region === null && <Alert type="info" showIcon title={t('calendar.pickRegion')} />}
      {calendar.data && !calendar.data.official && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('calendar.notOfficial', { year })} description={isSysadmin ? t('calendar.notOfficialAdmin') : t('calendar.notOfficialOthers')} />
      )}
      <QueryError error={calendar.error} what={t('nav.calendar')} onRetry={calendar.reload} />
      {region !== null && (
        <Row gutter={[24, 24]}>
          <Col xs={24} xl={mayWrite ? 16 : 24}>
            <Card title={<h2 style={{ margin: 0, fontSize: 'inherit' }}>{t('calendar.yearTitle', { year })}</h2>} extra={calendar.data && <Statistic title={t('calendar.workingDays')} value={calendar.data.workingDays} styles={{ content: { fontSize: '1.2em' } }} />}>
              <YearGridLegend />
              <Spin spinning={calendar.loading}>
                {calendar.data && calendar.data.year === year && <YearGrid year={year} days={calendar.data.days} onPick={mayWrite ? (date) => form.setFieldsValue({ from: date, to: undefined }) : undefined} />}
              </Spin>
            </Card>
          </Col>
          {mayWrite && (
            <Col xs={24} xl={8}>
              <Card title={<h2 style={{ margin: 0, fontSize: 'inherit' }}>{t('calendar.addOverride')}</h2>}>
                <Typography.Paragraph type="secondary">{t('calendar.addOverrideHint')}</Typography.Paragraph>
                <OverrideForm
                  regionCode={region}
                  form={form}
                  onSaved={(r) => {
                    message.success(t('calendar.saved', { version: r.version, days: r.days }));
                    setRound((n) => n + 1);
                  }}
                />
              </Card>
            </Col>
          )}
          {mayWrite && (
            <Col span={24}>
              <Card title={<h2 style={{ margin: 0, fontSize: 'inherit' }}>{t('calendar.import')}</h2>}>
                <CalendarImport key={`${region}:${year}`} regionCode={region} year={year} onApplied={() => setRound((n) => n + 1)} />
              </Card>
            </Col>
          )}
          <Col span={24}>
            <Card title={<h2 style={{ margin: 0, fontSize: 'inherit' }}>{t('calendar.versions')}</h2>}>
              <CalendarVersions regionCode={region} round={round} />
            </Card>
          </Col>
        </Row>
      )}
    </div>
  );
}
