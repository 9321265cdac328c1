import { Alert, App, Button, Card, Form, Select, Space } from 'antd';
import { useState } from 'react';
import { useI18n } from '@/i18n/i18n-context.ts';
import { ApiError } from '@/lib/api-client.ts';
import { errorMessage } from '@/lib/error-message.ts';
import { downloadTemplate } from '../api/download-template.ts';
import type { RowError } from '../api/get-import.ts';
import type { ImportKind } from '../api/import-kinds.ts';
import { runImport, type ImportApplied } from '../api/run-import.ts';
import { KIND_LABEL } from './kind-label.ts';
import { RowErrorsTable } from './row-errors-table.tsx';

type Outcome = { applied: ImportApplied } | { rejected: string; errors: RowError[] } | null;

/** The problems of a rejected upload as rows: import problems carry row and column, header problems a field. */
function rowErrorsOf(e: ApiError): RowError[] {
  return e.details.map((d) => ({ row: d.row ?? 1, ...(d.column ?? d.field ? { column: d.column ?? d.field } : {}), reason: d.reason }));
}

/** Pick a kind, get its template, upload a CSV or XLSX file; a rejected file shows every problem. */
export function UploadCard({ kinds, onImported }: { kinds: readonly ImportKind[]; onImported: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ kind: ImportKind }>();
  const [file, setFile] = useState<File | null>(null);
  const [fileMissing, setFileMissing] = useState(false);
  const kind = Form.useWatch('kind', form) ?? kinds[0];
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  const submit = async (v: { kind: ImportKind }) => {
    if (!file) {
      setFileMissing(true);
      return;
    }
    setPending(true);
    setOutcome(null);
    try {
      setOutcome({ applied: await runImport(v.kind, file) });
    } catch (e) {
      setOutcome({ rejected: errorMessage(e, t), errors: e instanceof ApiError ? rowErrorsOf(e) : [] });
    } finally {
      setPending(false);
      onImported();
    }
  };
  const template = (format: 'csv' | 'xlsx') => downloadTemplate(kind!, format).catch((e: unknown) => message.error(errorMessage(e, t)));

  return (
    <Card title={<h2 style={{ margin: 0, fontSize: 'inherit' }}>{t('imports.upload')}</h2>} style={{ marginBottom: 24 }}>
      <Form form={form} name="import" layout="vertical" initialValues={{ kind: kinds[0] }} onFinish={(v) => void submit(v)} disabled={pending} style={{ maxWidth: 560 }}>
        <Form.Item label={t('imports.kind')} name="kind" rules={[{ required: true }]}>
          <Select options={kinds.map((k) => ({ value: k, label: t(KIND_LABEL[k]) }))} onChange={() => setOutcome(null)} />
        </Form.Item>
        <Form.Item label={t('imports.template')}>
          <Space wrap>
            <Button onClick={() => void template('csv')}>{t('imports.templateCsv')}</Button>
            <Button onClick={() => void template('xlsx')}>{t('imports.templateXlsx')}</Button>
          </Space>
        </Form.Item>
        <Form.Item
          label={t('imports.file')}
          htmlFor="import-file"
          extra={t('imports.fileHint')}
          required
          {...(fileMissing ? { validateStatus: 'error' as const, help: t('imports.fileRequired') } : {})}
        >
          {/* A plain file input: labelled, keyboard-usable, and what assistive technology knows best. */}
          <input
            id="import-file"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setFileMissing(false);
              setOutcome(null);
            }}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" disabled={pending} aria-busy={pending}>
          {t('imports.submit')}
        </Button>
      </Form>
      <div aria-live="polite" style={{ marginTop: 16 }}>
        {outcome && 'applied' in outcome && (
          <Alert type="success" showIcon title={t('imports.applied', { file: outcome.applied.filename, rows: outcome.applied.rowsTotal, inserted: outcome.applied.inserted, updated: outcome.applied.updated, unchanged: outcome.applied.unchanged })} />
        )}
        {outcome && 'rejected' in outcome && (
          <>
            <Alert type="error" showIcon role="alert" title={t('imports.rejected', { n: outcome.errors.length })} description={outcome.rejected} style={{ marginBottom: 16 }} />
            {outcome.errors.length > 0 && <RowErrorsTable errors={outcome.errors} caption={t('imports.errors')} />}
          </>
        )}
      </div>
    </Card>
  );
}
