import { checkSubmission, LEVELS, STAFF_ENTERED_CHANNELS, type Level } from '@hcp/domain';
import { Alert, Button, Checkbox, Form, Input, Radio, Typography, type UploadFile } from 'antd';
import { useState } from 'react';
import { useI18n } from '@/i18n/i18n-context.ts';
import { evaluationErrorMessage } from '@/lib/evaluation-error-message.ts';
import { channelName, labelIn } from '@/lib/evaluation-labels.ts';
import { usePageFormDraft } from '@/lib/form-draft.ts';
import { applyServerErrors } from '@/lib/form-errors.ts';
import { forgetIdempotencyKey, stickyIdempotencyKey } from '@/lib/idempotency-key.ts';
import { enterEvaluation, type Entered, type Entry } from '../api/enter-evaluation.ts';
import type { FoundCase } from './case-lookup.tsx';
import { scanFileOf, scanRules, ScanUpload } from './scan-field.tsx';

interface EntryValues {
  channel: Entry['channel'];
  level?: Level;
  tags?: string[];
  text?: string;
  realName?: boolean;
  followUp?: boolean;
  scan?: UploadFile[];
}

/** The name of the form's draft (form-draft.ts); its record is the case, by number. */
export const ENTRY_DRAFT = 'entry';

/** The record of the form's draft: the page looks the case up again. */
export interface EntryDraftContext {
  caseNo: string;
}

/**
 * What the draft keeps of the form when the session ends: the rating itself and nothing else. No
 * personal data of the evaluator — phone, ID number, name — is written to sessionStorage: the form
 * asks for none, and a field for one added later stays out of this list. The scan, a file, cannot be
 * kept and is chosen again.
 */
const draftOf = ({ channel, level, tags, text, realName, followUp }: EntryValues) => ({ channel, level, tags, text, realName, followUp });

/** First segment of a problem's field, as the form names its items ("tags.0" → "tags"). */
const itemOf = (field: string) => field.split('.')[0]!;

/**
 * The rating as the evaluator gave it: channel, level, the tags of that level and a text under the
 * policy in force of the case's region, the real-name flag, and the scan of a paper form. Checked
 * with the domain's own submission rules before it is sent; what only the server knows comes back
 * beside its field. One idempotency key per case is kept until the entry succeeds, so a retry after
 * a lost answer stores nothing twice. What was typed survives the end of the session (usePageFormDraft).
 */
export function EntryForm({ found, onEntered }: { found: FoundCase; onEntered: (entered: Entered) => void }) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<EntryValues>();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const channel = Form.useWatch('channel', form);
  const level = Form.useWatch('level', form);
  const { policy } = found.policy;
  const mode = found.case.channel;
  const keyScope = `evaluation-entry:${found.case.id}`;
  const draft = usePageFormDraft(ENTRY_DRAFT, form, { context: { caseNo: found.case.caseNo } satisfies EntryDraftContext, keep: draftOf });

  const submit = async (v: EntryValues) => {
    setError(null);
    const text = v.text?.trim() || null;
    const problems = checkSubmission(policy, mode, { level: v.level!, tags: v.tags ?? [], text });
    if (problems.length) {
      // The reason a bad rating lacks is worded by the policy's rule; other problems keep the domain's words.
      const bad = policy.badLevels.includes(v.level!);
      const byItem = new Map<string, string[]>();
      for (const p of problems) {
        const item = itemOf(p.field);
        const message = bad && (item === 'tags' || item === 'text') ? t(`entry.badNeeds.${policy.badRatingNeeds}`) : p.reason;
        byItem.set(item, [...(byItem.get(item) ?? []), message]);
      }
      form.setFields([...byItem].map(([name, errors]) => ({ name: name as keyof EntryValues, errors: [...new Set(errors)] })));
      return;
    }
    setPending(true);
    try {
      const entered = await enterEvaluation(
        { caseId: found.case.id, channel: v.channel, level: v.level!, tags: v.tags ?? [], text, realName: !!v.realName, followUp: !!v.followUp, idempotencyKey: stickyIdempotencyKey(keyScope) },
        v.channel === 'paper' ? scanFileOf(v.scan) : undefined,
      );
      forgetIdempotencyKey(keyScope);
      draft.discard();
      onEntered(entered);
    } catch (e) {
      if (!applyServerErrors(form, e, { scanRef: 'scan' })) setError(evaluationErrorMessage(e, t));
    } finally {
      setPending(false);
    }
  };

  return (
    <Form<EntryValues>
      form={form}
      name="entry"
      layout="vertical"
      disabled={pending}
      initialValues={{ channel: 'phone', tags: [], realName: false, followUp: false }}
      onValuesChange={(changed: Partial<EntryValues>) => {
        // Tags belong to one level: a new level starts without any.
        if ('level' in changed) form.setFieldsValue({ tags: [] });
      }}
      onFinish={(v) => void submit(v)}
      style={{ maxWidth: 720 }}
    >
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Form.Item label={t('entry.channel')} name="channel" rules={[{ required: true }]}>
        <Radio.Group optionType="button" options={STAFF_ENTERED_CHANNELS.map((c) => ({ value: c, label: channelName(c, locale) }))} />
      </Form.Item>
      <Form.Item label={t('evaluations.level')} name="level" rules={[{ required: true, message: t('common.choose', { what: t('evaluations.level') }) }]}>
        <Radio.Group
          options={LEVELS.map((l) => ({
            value: l,
            label: `${labelIn(policy.levels[l], locale)}${policy.badLevels.includes(l) ? `（${t('evaluations.badShort')}）` : ''}`,
          }))}
        />
      </Form.Item>
      {level ? (
        <Form.Item label={t('evaluations.tags')} name="tags" extra={policy.badLevels.includes(level) ? t(`entry.badNeeds.${policy.badRatingNeeds}`) : undefined}>
          <Checkbox.Group options={policy.tags.filter((x) => x.level === level).map((x) => ({ value: x.code, label: labelIn(x, locale) }))} />
        </Form.Item>
      ) : (
        <Form.Item label={t('evaluations.tags')}>
          <Typography.Text type="secondary">{t('entry.pickLevelFirst')}</Typography.Text>
        </Form.Item>
      )}
      <Form.Item label={t('evaluations.text')} name="text">
        <Input.TextArea rows={3} showCount maxLength={policy.textMaxLength} />
      </Form.Item>
      {channel === 'paper' && (
        <Form.Item label={t('entry.scan')} name="scan" extra={t('entry.scan.hint')} rules={scanRules(t, true)} required>
          <ScanUpload t={t} />
        </Form.Item>
      )}
      <Form.Item name="realName" valuePropName="checked" extra={t('entry.realNameHint')}>
        <Checkbox>{t('entry.realName')}</Checkbox>
      </Form.Item>
      <Form.Item name="followUp" valuePropName="checked" extra={t('entry.followUpHint')}>
        <Checkbox>{t('entry.followUp')}</Checkbox>
      </Form.Item>
      <Button type="primary" htmlType="submit" disabled={pending} aria-busy={pending}>
        {t('entry.submit')}
      </Button>
    </Form>
  );
}
