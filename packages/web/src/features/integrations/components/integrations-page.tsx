import { App, Button, Popconfirm, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useFormModal } from '@/components/form-modal.tsx';
import { QueryError } from '@/components/query-error.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import { errorMessage } from '@/lib/error-message.ts';
import { useOrganisationNames } from '@/lib/lookups/organisations.ts';
import { createIntegration, type IssuedKey } from '../api/create-integration.ts';
import { useIntegrations, type Integration } from '../api/list-integrations.ts';
import { updateIntegration } from '../api/update-integration.ts';
import { CreateIntegrationModal, IntegrationUnitsModal } from './integration-forms.tsx';
import { KeyModal } from './key-modal.tsx';
import { formatInstant } from '@/lib/format-instant.ts';

/** 接口集成: the approval systems that push cases, their units and API keys. */
export function IntegrationsPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const list = useIntegrations();
  const [issued, setIssued] = useState<{ name: string; apiKey: string } | null>(null);
  const unitNames = useOrganisationNames((list.data ?? []).flatMap((i) => i.unitIds));
  const create = useFormModal(
    (v: { name: string; unitIds: number[] }) => createIntegration(v).then((k): IssuedKey & { name: string } => ({ ...k, name: v.name.trim() })),
    (k) => {
      setIssued({ name: k.name, apiKey: k.apiKey });
      list.reload();
    },
  );
  const units = useFormModal((v: { unitIds: number[] }, i: Integration) => updateIntegration(i.id, { unitIds: v.unitIds }), () => {
    message.success(t('common.saved'));
    list.reload();
  });
  const act = async (i: Integration, change: { active?: boolean; rotate?: boolean }) => {
    try {
      const r = await updateIntegration(i.id, change);
      if (r.apiKey) setIssued({ name: i.name, apiKey: r.apiKey });
      else message.success(t('common.saved'));
      list.reload();
    } catch (e) {
      message.error(errorMessage(e, t));
    }
  };

  return (
    <div>
      <Button type="primary" style={{ marginBottom: 16 }} onClick={() => create.open({ unitIds: [] })}>
        {t('integrations.create')}
      </Button>
      <QueryError error={list.error} what={t('nav.integrations')} onRetry={list.reload} />
      <Table<Integration>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: true }}
        columns={[
          { title: t('integrations.name'), dataIndex: 'name' },
          { title: t('integrations.keyId'), dataIndex: 'keyId', render: (v: string) => <code>{v}</code> },
          { title: t('integrations.units'), key: 'units', render: (_, i) => i.unitIds.map((id) => <Tag key={id}>{unitNames.get(id) ?? `#${id}`}</Tag>) },
          { title: t('common.status'), dataIndex: 'active', render: (a: boolean) => (a ? <Tag color="green">{t('common.enabled')}</Tag> : <Tag>{t('common.disabled')}</Tag>) },
          { title: t('integrations.lastUsed'), dataIndex: 'lastUsedAt', render: (v: string | null) => (v ? formatInstant(v, locale) : t('integrations.neverUsed')) },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, i) => (
              <Space wrap>
                <Button size="small" aria-label={`${t('integrations.editUnits')} ${i.name}`} onClick={() => units.open({ unitIds: i.unitIds }, i)}>
                  {t('integrations.editUnits')}
                </Button>
                <Popconfirm title={t('integrations.rotateConfirm', { name: i.name })} okText={t('integrations.rotate')} cancelText={t('common.cancel')} onConfirm={() => act(i, { rotate: true })}>
                  <Button size="small" aria-label={`${t('integrations.rotate')} ${i.name}`}>{t('integrations.rotate')}</Button>
                </Popconfirm>
                <Popconfirm
                  title={i.active ? t('integrations.deactivateConfirm', { name: i.name }) : t('integrations.activateConfirm', { name: i.name })}
                  okText={t('common.yes')}
                  cancelText={t('common.no')}
                  onConfirm={() => act(i, { active: !i.active })}
                >
                  <Button size="small" danger={i.active} aria-label={`${i.active ? t('integrations.deactivate') : t('integrations.activate')} ${i.name}`}>
                    {i.active ? t('integrations.deactivate') : t('integrations.activate')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <CreateIntegrationModal {...create.props} />
      <IntegrationUnitsModal {...units.props} integration={units.context} />
      <KeyModal issued={issued} onClose={() => setIssued(null)} />
    </div>
  );
}
