import { isOpenDeviceRequest } from '@hcp/domain';
import { Alert, Button, Form, Input, Modal, Result, Space } from 'antd';
import { useEffect, useState } from 'react';
import { OrganisationSelect } from '@/components/organisation-select.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import { evaluationErrorMessage } from '@/lib/evaluation-error-message.ts';
import { findCase } from '../api/find-case.ts';
import { getRequestProgress, inviteDevice, type RequestProgress } from '../api/invite-device.ts';

/** How often the dialog asks whether the evaluator finished. */
const POLL_MS = 2000;

/** What staff may know of a request: sent, done or expired (withdrawn counts as over), never the rating. */
function outcome(p: RequestProgress | null): 'sent' | 'done' | 'expired' | 'cancelled' {
  if (!p || isOpenDeviceRequest(p.status)) return 'sent';
  return p.status === 'done' ? 'done' : p.status === 'cancelled' ? 'cancelled' : 'expired';
}

/**
 * 发起评价: asks the device at a window to show the rating screen for a case, then follows the
 * request until the evaluator finished or it expired. Opened for one window (a device's row) or
 * with a window to choose.
 */
export function InviteModal({ windowId, open, onClose }: { windowId: number | null; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ windowId: number; caseNo: string }>();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<RequestProgress | null>(null);
  const [requestId, setRequestId] = useState<number | null>(null);

  // Follow the request until it is over; a failed look is tried again at the next tick.
  useEffect(() => {
    if (requestId === null) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        const p = await getRequestProgress(requestId, controller.signal);
        if (controller.signal.aborted) return;
        setProgress(p);
        if (!isOpenDeviceRequest(p.status)) return;
      } catch {
        if (controller.signal.aborted) return;
      }
      timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [requestId]);

  const close = () => {
    setRequestId(null);
    setProgress(null);
    setError(null);
    onClose();
  };

  const send = async (v: { windowId: number; caseNo: string }) => {
    setPending(true);
    setError(null);
    try {
      const c = await findCase(v.caseNo);
      if (!c) {
        form.setFields([{ name: 'caseNo', errors: [t('entry.caseNotFound', { caseNo: v.caseNo.trim() })] }]);
        return;
      }
      const r = await inviteDevice({ caseId: c.id, windowId: v.windowId });
      setProgress(null);
      setRequestId(r.requestId);
    } catch (e) {
      setError(evaluationErrorMessage(e, t));
    } finally {
      setPending(false);
    }
  };

  const state = outcome(progress);
  return (
    <Modal
      open={open}
      title={t('devices.invite')}
      onCancel={close}
      destroyOnHidden
      footer={
        requestId === null ? (
          <Space>
            <Button onClick={close}>{t('common.cancel')}</Button>
            <Button type="primary" disabled={pending} aria-busy={pending} onClick={() => form.submit()}>
              {t('devices.inviteSend')}
            </Button>
          </Space>
        ) : (
          <Button type="primary" onClick={close}>
            {t('common.close')}
          </Button>
        )
      }
    >
      {requestId === null ? (
        <Form form={form} name="device-invite" layout="vertical" disabled={pending} initialValues={windowId ? { windowId } : {}} onFinish={(v) => void send(v)}>
          {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
          <Form.Item label={t('devices.window')} name="windowId" rules={[{ required: true, message: t('common.choose', { what: t('devices.window') }) }]}>
            <OrganisationSelect kinds={['window']} disabled={windowId !== null} />
          </Form.Item>
          <Form.Item
            label={t('cases.caseNo')}
            name="caseNo"
            rules={[
              { required: true, whitespace: true, message: t('common.required', { what: t('cases.caseNo') }) },
              { pattern: /^\s*[0-9A-Za-z._-]+\s*$/, message: t('cases.caseNoInvalid') },
            ]}
          >
            <Input maxLength={50} />
          </Form.Item>
          <Alert type="info" showIcon title={t('devices.inviteHint')} />
        </Form>
      ) : (
        <Result
          status={state === 'done' ? 'success' : state === 'sent' ? 'info' : 'warning'}
          title={<span role="status">{t(`devices.request.${state}`)}</span>}
          subTitle={t('devices.request.never')}
        />
      )}
    </Modal>
  );
}
