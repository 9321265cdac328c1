import { App, Button, Card, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useFormModal } from '@/components/form-modal.tsx';
import { OrganisationSelect } from '@/components/organisation-select.tsx';
import { PAGE_SIZE, Pager } from '@/components/pager.tsx';
import { QueryError } from '@/components/query-error.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import { evaluationErrorMessage } from '@/lib/evaluation-error-message.ts';
import { formatInstant } from '@/lib/format-instant.ts';
import { useDevices, type Device } from '../api/list-devices.ts';
import { newPairingCode } from '../api/new-pairing-code.ts';
import { registerDevice, type PairingCode } from '../api/register-device.ts';
import { updateDevice } from '../api/update-device.ts';
import { InviteModal } from './invite-modal.tsx';
import { PairingCodeModal } from './pairing-code-modal.tsx';
import { RegisterModal, type RegisterValues } from './register-modal.tsx';

const STATE_COLORS: Record<Device['state'], string> = { paired: 'green', pairing: 'blue', unpaired: 'orange', inactive: 'default' };

/** The print page of a window's QR code, in a new tab so the list stays where it was. */
export const posterPath = (windowId: number) => `/console/windows/${windowId}/poster`;

export interface DevicesPageProps {
  /** device.manage: register, pair and switch off devices. */
  canManage: boolean;
  /** device.invite: ask a device to show the rating screen. */
  canInvite: boolean;
}

/**
 * 评价器: the rating devices of the windows in scope with their pairing state; registering one shows
 * its pairing code once. Also the test "发起评价" for a case and each window's printable QR poster.
 */
export function DevicesPage({ canManage, canInvite }: DevicesPageProps) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [windowId, setWindowId] = useState<number | null>(null);
  const [page, setPage] = useState(0);
  const [issued, setIssued] = useState<PairingCode | null>(null);
  const [invite, setInvite] = useState<{ windowId: number | null } | null>(null);
  const list = useDevices(canManage ? { ...(windowId ? { windowId } : {}), limit: PAGE_SIZE + 1, offset: page * PAGE_SIZE } : null);
  const rows = (list.data ?? []).slice(0, PAGE_SIZE);
  const register = useFormModal((v: RegisterValues) => registerDevice(v), (code: PairingCode) => {
    setIssued(code);
    list.reload();
  });
  const act = async (run: () => Promise<unknown>, done?: (r: unknown) => void) => {
    try {
      const r = await run();
      if (done) done(r);
      else message.success(t('common.saved'));
      list.reload();
    } catch (e) {
      message.error(evaluationErrorMessage(e, t));
    }
  };

  return (
    <div>
      <Card style={{ marginBottom: 16 }}>
        <Space wrap>
          <label htmlFor="devices-window">{t('devices.window')}</label>
          <OrganisationSelect
            id="devices-window"
            kinds={['window']}
            allowClear
            value={windowId}
            onChange={(v) => {
              setWindowId(typeof v === 'number' ? v : null);
              setPage(0);
            }}
            style={{ width: 260 }}
          />
          {canManage && (
            <Button type="primary" onClick={() => register.open(windowId ? { windowId } : {})}>
              {t('devices.register')}
            </Button>
          )}
          {canInvite && <Button onClick={() => setInvite({ windowId })}>{t('devices.invite')}</Button>}
          {windowId !== null && (
            <Link to={posterPath(windowId)} target="_blank">
              {t('devices.poster')}
            </Link>
          )}
        </Space>
        <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
          {t('devices.hint')}
        </Typography.Paragraph>
      </Card>
      {canManage && (
        <>
          <QueryError error={list.error} what={t('nav.devices')} onRetry={list.reload} />
          <Table<Device>
            aria-label={t('nav.devices')}
            rowKey="id"
            loading={list.loading}
            dataSource={rows}
            pagination={false}
            scroll={{ x: true }}
            locale={{ emptyText: t('devices.empty') }}
            columns={[
              { title: t('devices.name'), dataIndex: 'name' },
              { title: t('devices.window'), dataIndex: 'windowName' },
              { title: t('devices.hall'), dataIndex: 'hallName', render: (v: string | null) => v ?? '' },
              { title: t('common.status'), dataIndex: 'state', render: (s: Device['state']) => <Tag color={STATE_COLORS[s]}>{t(`devices.state.${s}`)}</Tag> },
              { title: t('devices.lastSeen'), dataIndex: 'lastSeenAt', render: (v: string | null) => formatInstant(v, locale) || t('devices.never') },
              { title: t('devices.pairedAt'), dataIndex: 'pairedAt', render: (v: string | null) => formatInstant(v, locale) },
              {
                title: t('common.actions'),
                key: 'actions',
                render: (_, d) => (
                  <Space wrap>
                    {d.active && (
                      <Popconfirm
                        title={d.state === 'paired' ? t('devices.newCodeConfirmPaired', { name: d.name }) : t('devices.newCodeConfirm', { name: d.name })}
                        okText={t('devices.newCode')}
                        cancelText={t('common.cancel')}
                        onConfirm={() => act(() => newPairingCode(d.id), (r) => setIssued(r as PairingCode))}
                      >
                        <Button size="small" aria-label={`${t('devices.newCode')} ${d.name}`}>
                          {t('devices.newCode')}
                        </Button>
                      </Popconfirm>
                    )}
                    <Popconfirm
                      title={d.active ? t('devices.deactivateConfirm', { name: d.name }) : t('devices.activateConfirm', { name: d.name })}
                      okText={t('common.yes')}
                      cancelText={t('common.no')}
                      onConfirm={() => act(() => updateDevice(d.id, { active: !d.active }))}
                    >
                      <Button size="small" danger={d.active} aria-label={`${d.active ? t('devices.deactivate') : t('devices.activate')} ${d.name}`}>
                        {d.active ? t('devices.deactivate') : t('devices.activate')}
                      </Button>
                    </Popconfirm>
                    {canInvite && d.active && (
                      <Button size="small" aria-label={`${t('devices.invite')} ${d.name}`} onClick={() => setInvite({ windowId: d.windowId })}>
                        {t('devices.invite')}
                      </Button>
                    )}
                    <Link to={posterPath(d.windowId)} target="_blank" aria-label={`${t('devices.poster')} ${d.windowName}`}>
                      {t('devices.poster')}
                    </Link>
                  </Space>
                ),
              },
            ]}
          />
          <Pager page={page} hasNext={(list.data?.length ?? 0) > PAGE_SIZE} onPage={setPage} label={t('common.pager', { what: t('nav.devices') })} />
        </>
      )}
      <RegisterModal {...register.props} />
      <PairingCodeModal issued={issued} onClose={() => setIssued(null)} />
      <InviteModal key={invite ? `${invite.windowId}` : 'closed'} windowId={invite?.windowId ?? null} open={invite !== null} onClose={() => setInvite(null)} />
    </div>
  );
}
