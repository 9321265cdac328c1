import type { EvaluationPolicy } from '@hcp/domain';
import { Alert, Button, Divider, Form, Input, Space, type FormInstance } from 'antd';
import { useState } from 'react';
import { useI18n } from '@/i18n/i18n-context.ts';
import type { MessageKey } from '@/i18n/dictionary.ts';
import { ApiError } from '@/lib/api-client.ts';
import { evaluationErrorMessage } from '@/lib/evaluation-error-message.ts';
import { usePageFormDraft } from '@/lib/form-draft.ts';
import { savePolicy, type SavedPolicy } from '../api/save-policy.ts';
import { IndicatorFields } from './indicator-fields.tsx';
import { LevelFields } from './level-fields.tsx';
import { formPathOf, fromFormValues, toFormValues, type FieldPath, type PolicyFormValues } from './policy-form.ts';
import { SettingFields } from './setting-fields.tsx';
import { PublicationFields } from './publication-fields.tsx';

interface Problem {
  field: string;
  reason: string;
}

const samePath = (a: FieldPath, b: FieldPath) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The name of the editor's draft (form-draft.ts); its record is the region and the version it started from. */
export const POLICY_DRAFT = 'policy';

/** The record of the editor's draft: the page opens the editor again for this region. */
export interface PolicyDraftContext {
  region: string;
  baseId: number;
}

/**
 * Edits the whole policy and saves it as a new version of the region. Every problem the server
 * names is listed above the form, and shown beside its input where the editor has one. What was
 * typed survives the end of the session, for the same region and base version (usePageFormDraft).
 */
export function PolicyEditor({ regionCode, base, baseId, onSaved, onCancel }: { regionCode: string; base: EvaluationPolicy; baseId: number; onSaved: (saved: SavedPolicy) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<PolicyFormValues>();
  const draft = usePageFormDraft(POLICY_DRAFT, form, { context: { region: regionCode, baseId } satisfies PolicyDraftContext });
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);

  const fieldLabel = (field: string) => {
    const top = field.replace(/^(body\.)?policy\.?/, '').split('.')[0] || 'policy';
    const key = `policy.field.${top}` as MessageKey;
    const text = t(key);
    return text === key ? field : `${text}（${field.replace(/^(body\.)?policy\.?/, '')}）`;
  };

  const submit = async (values: PolicyFormValues) => {
    setPending(true);
    setError(null);
    setProblems([]);
    const { policy, tagOrigin } = fromFormValues(base, { ...form.getFieldsValue(true), ...values });
    try {
      const saved = await savePolicy(regionCode, policy, values.note?.trim() || null);
      draft.discard();
      onSaved(saved);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VALIDATION_FAILED') {
        const found: Problem[] = e.details.length ? e.details.map((d) => ({ field: d.field ?? '', reason: d.reason })) : [{ field: e.field ?? '', reason: e.message }];
        setProblems(found);
        const registered = form.getFieldsError().map((f) => f.name as FieldPath);
        const byPath = new Map<string, { name: FieldPath; errors: string[] }>();
        for (const p of found) {
          const path = formPathOf(p.field, tagOrigin);
          const name = path && registered.find((r) => samePath(r, path));
          if (!name) continue;
          const k = JSON.stringify(name);
          byPath.set(k, { name, errors: [...(byPath.get(k)?.errors ?? []), p.reason] });
        }
        // The paths come from the server at run time, so the form's typed names cannot check them.
        (form as unknown as FormInstance).setFields([...byPath.values()]);
        const first = [...byPath.values()][0];
        if (first) form.scrollToField(first.name, { block: 'center' });
      } else {
        setError(evaluationErrorMessage(e, t));
      }
    } finally {
      setPending(false);
    }
  };

  return (
    <Form<PolicyFormValues>
      form={form}
      name="policy"
      layout="vertical"
      initialValues={toFormValues(base)}
      disabled={pending}
      onFinish={(v) => void submit(v)}
      onFinishFailed={({ errorFields }) => errorFields[0] && form.scrollToField(errorFields[0].name, { block: 'center' })}
    >
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={t('policy.problems', { n: problems.length })}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {problems.map((p, i) => (
                <li key={i}>
                  {fieldLabel(p.field)}：{p.reason}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <LevelFields />
      <Divider />
      <IndicatorFields />
      <Divider />
      <SettingFields />
      <Divider />
      <PublicationFields />
      <Divider />
      <Form.Item label={t('policy.note')} name="note" extra={t('policy.noteHint')}>
        <Input maxLength={200} />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" disabled={pending} aria-busy={pending}>
          {t('policy.saveVersion')}
        </Button>
        <Button
          onClick={() => {
            draft.discard();
            onCancel();
          }}
          disabled={pending}
        >
          {t('common.cancel')}
        </Button>
      </Space>
    </Form>
  );
}
