import { CAMPAIGN_INPUT_CHANNELS, CAMPAIGN_INPUT_METHODS } from '@hcp/domain';
import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, Radio, Select, Space, Switch, Table, Typography } from 'antd';
import { useRef, useState } from 'react';
import { FormModal, useFormModal } from '@/components/form-modal.tsx';
import { PAGE_SIZE, Pager } from '@/components/pager.tsx';
import { QueryError } from '@/components/query-error.tsx';
import type { MessageKey } from '@/i18n/dictionary.ts';
import { useI18n } from '@/i18n/i18n-context.ts';
import { ApiError } from '@/lib/api-client.ts';
import { errorMessage } from '@/lib/error-message.ts';
import { levelName } from '@/lib/evaluation-labels.ts';
import { formatInstant } from '@/lib/format-instant.ts';
import type { CampaignDetail } from '../api/get-campaign.ts';
import { downloadInputTemplate, importInputs } from '../api/import-inputs.ts';
import { addInput, useInputs, type CampaignInput, type InputChannel } from '../api/inputs.ts';

type Values = { orgId: number; channel: InputChannel; method?: string; date: { format(f: string): string }; level: number; count?: number; verified?: boolean; note?: string };
const LEVELS = [5, 4, 3, 2, 1] as const;

/**
 * The results of the questionnaire, revisit and complaint channels: enter one (a tally of results of
 * one level for one object), import a file of them, and the list of what was entered or imported.
 */
export function InputsTab({ detail, mayInput }: { detail: CampaignDetail; mayInput: boolean }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const id = detail.campaign.id;
  const [page, setPage] = useState(0);
  const inputs = useInputs(id, { limit: PAGE_SIZE + 1, offset: page * PAGE_SIZE });
  const rows = (inputs.data ?? []).slice(0, PAGE_SIZE);
  const names = new Map(detail.objects.map((o) => [o.orgId, o.name]));
  // One reference per opening of the dialog: a second click after a lost answer records nothing twice.
  const ref = useRef('');
  const enter = useFormModal(
    (v: Values) =>
      addInput(id, {
        orgId: v.orgId,
        channel: v.channel,
        ...(v.method ? { method: v.method } : {}),
        date: v.date.format('YYYY-MM-DD'),
        level: v.level,
        ...(v.count ? { count: v.count } : {}),
        ...(v.verified !== undefined ? { verified: v.verified } : {}),
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
        ref: ref.current,
      }),
    () => {
      message.success(t('campaigns.inputSaved'));
      inputs.reload();
    },
  );
  const channel = Form.useWatch('channel', enter.form) as InputChannel | undefined;
  const methodName = (m: string) => t(`campaigns.m.${m}` as MessageKey);

  return (
    <div>
      {mayInput ? (
        <Space wrap style={{ marginBottom: 16 }}>
          <Button
            type="primary"
            disabled={detail.objects.length === 0}
            onClick={() => {
              ref.current = `console-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
              enter.open({ channel: 'questionnaire', level: 5, count: 1, verified: true, ...(detail.objects[0] ? { orgId: detail.objects[0].orgId } : {}) });
            }}
          >
            {t('campaigns.addInput')}
          </Button>
        </Space>
      ) : null}
      {mayInput && detail.objects.length === 0 ? <Typography.Paragraph type="secondary">{t('campaigns.noObjects')}</Typography.Paragraph> : null}
      {mayInput ? <ImportCard onImported={inputs.reload} /> : null}
      <QueryError error={inputs.error} what={t('campaigns.tab.inputs')} onRetry={inputs.reload} />
      <Table<CampaignInput>
        aria-label={t('campaigns.tab.inputs')}
        rowKey="id"
        loading={inputs.loading && !inputs.data}
        dataSource={rows}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: t('campaigns.inputsEmpty') }}
        columns={[
          { title: t('campaigns.object'), dataIndex: 'orgId', render: (v: number) => names.get(v) ?? `#${v}` },
          { title: t('campaigns.channel'), dataIndex: 'channel', render: (c: InputChannel) => t(`campaigns.channel.${c}`) },
          { title: t('campaigns.method'), dataIndex: 'method', render: (m: string | null) => (m ? methodName(m) : '') },
          { title: t('campaigns.date'), dataIndex: 'date' },
          { title: t('campaigns.level'), dataIndex: 'level', render: (l: number) => levelName(l, locale) },
          { title: t('campaigns.count'), dataIndex: 'count' },
          { title: t('campaigns.verified'), dataIndex: 'verified', render: (v: boolean) => (v ? t('common.yes') : t('common.no')) },
          { title: t('campaigns.note'), dataIndex: 'note', render: (v: string | null) => v ?? '' },
          { title: t('campaigns.source'), dataIndex: 'source', render: (v: CampaignInput['source']) => t(`campaigns.source.${v}`) },
          { title: t('common.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatInstant(v, locale) },
        ]}
      />
      <Pager page={page} hasNext={(inputs.data?.length ?? 0) > PAGE_SIZE} onPage={setPage} label={t('common.pager', { what: t('campaigns.tab.inputs') })} />

      <FormModal {...enter.props} name="campaign-input" title={t('campaigns.addInput')}>
        <Form.Item label={t('campaigns.object')} name="orgId" rules={[{ required: true, message: t('common.choose', { what: t('campaigns.object') }) }]}>
          <Select showSearch optionFilterProp="label" options={detail.objects.map((o) => ({ value: o.orgId, label: o.name }))} />
        </Form.Item>
        <Form.Item label={t('campaigns.channel')} name="channel" rules={[{ required: true }]}>
          <Radio.Group
            options={CAMPAIGN_INPUT_CHANNELS.map((c) => ({ value: c, label: t(`campaigns.channel.${c}`) }))}
            onChange={() => enter.form.setFieldValue('method', undefined)}
          />
        </Form.Item>
        <Form.Item label={t('campaigns.method')} name="method">
          <Select allowClear options={(channel ? CAMPAIGN_INPUT_METHODS[channel] : []).map((m) => ({ value: m, label: methodName(m) }))} />
        </Form.Item>
        <Form.Item label={t('campaigns.date')} name="date" rules={[{ required: true, message: t('common.choose', { what: t('campaigns.date') }) }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item label={t('campaigns.level')} name="level" rules={[{ required: true }]}>
          <Radio.Group options={LEVELS.map((l) => ({ value: l, label: levelName(l, locale) }))} />
        </Form.Item>
        <Form.Item label={t('campaigns.count')} name="count" rules={[{ required: true }]}>
          <InputNumber min={1} max={100000} precision={0} />
        </Form.Item>
        <Form.Item label={t('campaigns.verified')} name="verified" valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item label={t('campaigns.note')} name="note" rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </FormModal>
    </div>
  );
}

/** Upload a CSV or XLSX of results; a rejected file lists every problem by row and column. */
function ImportCard({ onImported }: { onImported: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: string } | { failed: string; rows: { row?: number; column?: string; field?: string; reason: string }[] } | null>(null);
  const run = async () => {
    if (!file) return;
    setPending(true);
    setOutcome(null);
    try {
      const r = await importInputs(file);
      setOutcome({ ok: t('campaigns.imported', { n: r.rowsApplied }) });
      onImported();
    } catch (e) {
      setOutcome({ failed: errorMessage(e, t), rows: e instanceof ApiError ? e.details : [] });
    } finally {
      setPending(false);
    }
  };
  const template = (format: 'csv' | 'xlsx') => downloadInputTemplate(format).catch((e: unknown) => message.error(errorMessage(e, t)));
  return (
    <Card size="small" title={<h3 style={{ margin: 0, fontSize: 'inherit' }}>{t('campaigns.import')}</h3>} style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">{t('campaigns.importHint')}</Typography.Paragraph>
      <Space wrap>
        <Button onClick={() => void template('csv')}>{t('campaigns.templateCsv')}</Button>
        <Button onClick={() => void template('xlsx')}>{t('campaigns.templateXlsx')}</Button>
        <label>
          {t('campaigns.importFile')}{' '}
          <input type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
        </label>
        <Button type="primary" disabled={!file || pending} aria-busy={pending} onClick={() => void run()}>
          {t('campaigns.importRun')}
        </Button>
      </Space>
      {outcome && 'ok' in outcome ? <Alert style={{ marginTop: 12 }} type="success" showIcon role="status" title={outcome.ok} /> : null}
      {outcome && 'failed' in outcome ? (
        <Alert
          style={{ marginTop: 12 }}
          type="error"
          showIcon
          role="alert"
          title={outcome.failed}
          description={
            outcome.rows.length ? (
              <Table
                size="small"
                rowKey={(_, i) => String(i)}
                pagination={false}
                aria-label={t('campaigns.importErrors')}
                dataSource={outcome.rows}
                columns={[
                  { title: t('campaigns.row'), dataIndex: 'row', render: (v?: number) => v ?? '' },
                  { title: t('campaigns.column'), key: 'column', render: (_, d) => d.column ?? d.field ?? '' },
                  { title: t('campaigns.reason'), dataIndex: 'reason' },
                ]}
              />
            ) : null
          }
        />
      ) : null}
    </Card>
  );
}
