import { hasPermission, type StaffRole } from '@hcp/domain';
import { App, Button, Form, Input, InputNumber, Table, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { FormModal, useFormModal } from '@/components/form-modal.tsx';
import { QueryError } from '@/components/query-error.tsx';
import { RegionSelect } from '@/components/region-select.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import { useRegionNames } from '@/lib/lookups/regions.ts';
import { createCampaign } from '../api/create-campaign.ts';
import { useCampaign } from '../api/get-campaign.ts';
import { useCampaigns, type Campaign } from '../api/list-campaigns.ts';
import { InputsTab } from './inputs-tab.tsx';
import { ObjectsTab } from './objects-tab.tsx';
import { RulesTab } from './rules-tab.tsx';
import { ScoresTab } from './scores-tab.tsx';

/**
 * 群众评议 (seed 002): the campaigns of the user's regions; one campaign's per-unit quarterly and
 * yearly scores with each object's report (XLSX, PDF), its objects, the results entered or imported
 * for the questionnaire, revisit and complaint channels, and its versioned scoring rules. The chosen
 * campaign and tab are in the URL (?id=&tab=), so deep links and the back button work.
 */
export function CampaignsPage({ role }: { role: StaffRole }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const id = /^[1-9][0-9]*$/.test(params.get('id') ?? '') ? Number(params.get('id')) : null;
  const tab = params.get('tab') ?? 'scores';
  const list = useCampaigns();
  const detail = useCampaign(id);
  const regionNames = useRegionNames((list.data ?? []).map((c) => c.regionCode));
  const mayManage = hasPermission(role, 'campaign.manage');
  const mayInput = hasPermission(role, 'campaign.input');
  const open = (next: number, nextTab = 'scores') => setParams({ id: String(next), ...(nextTab !== 'scores' ? { tab: nextTab } : {}) });
  const create = useFormModal(
    (v: { regionCode: string; year: number; name?: string }) => createCampaign({ regionCode: v.regionCode, year: v.year, ...(v.name?.trim() ? { name: v.name.trim() } : {}) }),
    (r) => {
      message.success(t('common.saved'));
      list.reload();
      open(r.campaign.id, 'objects');
    },
  );

  return (
    <div>
      {mayManage ? (
        <Button type="primary" style={{ marginBottom: 16 }} onClick={() => create.open({ year: new Date().getFullYear() })}>
          {t('campaigns.create')}
        </Button>
      ) : null}
      <QueryError error={list.error} what={t('campaigns.list')} onRetry={list.reload} />
      <Table<Campaign>
        aria-label={t('campaigns.list')}
        rowKey="id"
        loading={list.loading && !list.data}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: true }}
        locale={{ emptyText: t('campaigns.empty') }}
        rowClassName={(c) => (c.id === id ? 'ant-table-row-selected' : '')}
        columns={[
          { title: t('campaigns.year'), dataIndex: 'year' },
          { title: t('campaigns.name'), dataIndex: 'name' },
          { title: t('campaigns.region'), dataIndex: 'regionCode', render: (c: string) => regionNames.get(c) ?? c },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, c) => (
              <Button size="small" type={c.id === id ? 'primary' : 'default'} aria-pressed={c.id === id} aria-label={`${t('campaigns.open')} ${c.name}`} onClick={() => open(c.id)}>
                {t('campaigns.open')}
              </Button>
            ),
          },
        ]}
      />

      {id === null ? <Typography.Paragraph type="secondary">{t('campaigns.pick')}</Typography.Paragraph> : null}
      {id !== null ? <QueryError error={detail.error} what={t('nav.campaigns')} onRetry={detail.reload} /> : null}
      {id !== null && detail.data ? (
        <section aria-labelledby="campaign-title" style={{ marginTop: 24 }}>
          <Typography.Title level={2} id="campaign-title" style={{ fontSize: '1.4em' }}>
            {detail.data.campaign.name}
          </Typography.Title>
          <Tabs
            activeKey={tab}
            onChange={(k) => open(id, k)}
            destroyOnHidden
            items={[
              { key: 'scores', label: t('campaigns.tab.scores'), children: <ScoresTab id={id} /> },
              { key: 'objects', label: t('campaigns.tab.objects'), children: <ObjectsTab detail={detail.data} mayManage={mayManage} onSaved={detail.reload} /> },
              { key: 'inputs', label: t('campaigns.tab.inputs'), children: <InputsTab detail={detail.data} mayInput={mayInput} /> },
              { key: 'rules', label: t('campaigns.tab.rules'), children: <RulesTab detail={detail.data} mayManage={mayManage} onSaved={detail.reload} /> },
            ]}
          />
        </section>
      ) : null}

      <FormModal {...create.props} name="campaign-create" title={t('campaigns.create')}>
        <Form.Item label={t('campaigns.region')} name="regionCode" rules={[{ required: true, message: t('common.choose', { what: t('campaigns.region') }) }]}>
          <RegionSelect />
        </Form.Item>
        <Form.Item label={t('campaigns.year')} name="year" rules={[{ required: true }]}>
          <InputNumber min={2000} max={2999} precision={0} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item label={t('campaigns.name')} name="name" rules={[{ max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
      </FormModal>
    </div>
  );
}
