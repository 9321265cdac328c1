import { Alert, Button, Form, Input, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '@/i18n/i18n-context.ts';
import { evaluationErrorMessage } from '@/lib/evaluation-error-message.ts';
import { findCase, type CaseSummary } from '../api/find-case.ts';
import { getPolicy, type PolicyInForce } from '../api/get-policy.ts';

export interface FoundCase {
  case: CaseSummary;
  policy: PolicyInForce;
}

/** Finds the case to rate by its number, with the policy in force of its region; `caseNo`, when given, at once. */
export function CaseLookup({ caseNo, onFound }: { caseNo?: string | undefined; onFound: (found: FoundCase | null) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ caseNo: string }>();
  useEffect(() => {
    if (caseNo) form.submit();
  }, [form, caseNo]);
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const lookUp = async ({ caseNo }: { caseNo: string }) => {
    setPending(true);
    setProblem(null);
    onFound(null);
    try {
      const c = await findCase(caseNo);
      if (!c) {
        setProblem(t('entry.caseNotFound', { caseNo: caseNo.trim() }));
        return;
      }
      onFound({ case: c, policy: await getPolicy(c.regionCode) });
    } catch (e) {
      setProblem(evaluationErrorMessage(e, t));
    } finally {
      setPending(false);
    }
  };
  return (
    <>
      <Form<{ caseNo: string }> form={form} name="entry-case" layout="inline" initialValues={caseNo ? { caseNo } : undefined} onFinish={(v) => void lookUp(v)} style={{ rowGap: 12 }}>
        <Form.Item
          label={t('cases.caseNo')}
          name="caseNo"
          rules={[
            { required: true, whitespace: true, message: t('common.required', { what: t('cases.caseNo') }) },
            { pattern: /^\s*[0-9A-Za-z._-]+\s*$/, message: t('cases.caseNoInvalid') },
          ]}
        >
          <Input allowClear style={{ width: 240 }} maxLength={50} />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" disabled={pending} aria-busy={pending}>
              {t('entry.findCase')}
            </Button>
          </Space>
        </Form.Item>
      </Form>
      {problem && <Alert type="warning" showIcon role="alert" title={problem} style={{ marginTop: 16 }} />}
    </>
  );
}
