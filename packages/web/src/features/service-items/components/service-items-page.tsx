import { ITEM_TYPE_NAMES, type ItemType } from '@hcp/domain';
import { App, Button, Form, Input, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { FilterForm } from '@/components/filter-form.tsx';
import { useFormModal } from '@/components/form-modal.tsx';
import { OrganisationSelect } from '@/components/organisation-select.tsx';
import { PAGE_SIZE, Pager } from '@/components/pager.tsx';
import { QueryError } from '@/components/query-error.tsx';
import { RegionSelect } from '@/components/region-select.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import { changeServiceItem } from '../api/change-service-item.ts';
import { createServiceItem, type ServiceItemContent } from '../api/create-service-item.ts';
import { useServiceItems, type ServiceItem } from '../api/list-service-items.ts';
import { ChangeServiceItemModal, CreateServiceItemModal, itemTypeOptions } from './service-item-forms.tsx';
import { VersionsDrawer } from './versions-drawer.tsx';

interface Filters {
  q?: string;
  itemType?: ItemType | null;
  ownerUnitId?: number | null;
  regionCode?: string | null;
}

/** 服务事项: the current version of each item; a change is saved as a new version. */
export function ServiceItemsPage({ canWrite }: { canWrite: boolean }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(0);
  const [versionsOf, setVersionsOf] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  const items = useServiceItems({ ...filters, q: filters.q?.trim(), limit: PAGE_SIZE + 1, offset: page * PAGE_SIZE });
  const rows = (items.data ?? []).slice(0, PAGE_SIZE);

  const create = useFormModal(
    (v: ServiceItemContent & { code: string }) => createServiceItem(v),
    (item: ServiceItem) => {
      message.success(t('items.created', { code: item.code }));
      items.reload();
    },
  );
  const change = useFormModal(
    (v: ServiceItemContent, item: ServiceItem) => changeServiceItem(item.code, v),
    (r: { item: ServiceItem; changed: boolean }) => {
      if (r.changed) message.success(t('items.newVersion', { code: r.item.code, version: r.item.version }));
      else message.info(t('items.unchanged'));
      items.reload();
      setRound((n) => n + 1);
    },
  );
  const contentOf = (i: ServiceItem): ServiceItemContent => ({
    name: i.name, itemType: i.itemType, promisedDays: i.promisedDays, statutoryDays: i.statutoryDays, fee: i.fee, legalBasis: i.legalBasis, ownerUnitId: i.ownerUnitId, regionCode: i.regionCode,
  });

  return (
    <div>
      <FilterForm<Filters>
        name="items-filter"
        onApply={(v) => {
          setFilters(v);
          setPage(0);
          items.reload();
        }}
      >
        <Form.Item label={t('items.nameOrCode')} name="q">
          <Input allowClear style={{ width: 180 }} />
        </Form.Item>
        <Form.Item label={t('items.type')} name="itemType">
          <Select allowClear options={itemTypeOptions(locale)} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item label={t('items.owner')} name="ownerUnitId">
          <OrganisationSelect kinds={['unit']} allowClear style={{ width: 200 }} />
        </Form.Item>
        <Form.Item label={t('common.region')} name="regionCode">
          <RegionSelect allowClear style={{ width: 200 }} />
        </Form.Item>
      </FilterForm>
      {canWrite && (
        <Button type="primary" style={{ marginBottom: 16 }} onClick={() => create.open({ promisedDays: 5, itemType: 'licensing' })}>
          {t('items.create')}
        </Button>
      )}
      <QueryError error={items.error} what={t('nav.serviceItems')} onRetry={items.reload} />
      <Table<ServiceItem>
        rowKey="id"
        loading={items.loading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: t('items.code'), dataIndex: 'code' },
          { title: t('items.name'), dataIndex: 'name' },
          { title: t('items.type'), dataIndex: 'itemType', render: (v: ItemType) => ITEM_TYPE_NAMES[v]?.[locale === 'zh-CN' ? 'zh' : 'en'] ?? v },
          { title: t('items.promisedDays'), dataIndex: 'promisedDays' },
          { title: t('items.owner'), dataIndex: 'ownerName' },
          { title: t('items.version'), dataIndex: 'version', render: (v: number) => `v${v}` },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, item) => (
              <Space>
                {canWrite && (
                  <Button size="small" aria-label={`${t('items.change')} ${item.code}`} onClick={() => change.open(contentOf(item), item)}>
                    {t('items.change')}
                  </Button>
                )}
                <Button size="small" aria-label={`${t('items.versions')} ${item.code}`} onClick={() => setVersionsOf(item.code)}>
                  {t('items.versions')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Pager page={page} hasNext={(items.data?.length ?? 0) > PAGE_SIZE} onPage={setPage} label={t('common.pager', { what: t('nav.serviceItems') })} />
      <CreateServiceItemModal {...create.props} />
      <ChangeServiceItemModal {...change.props} item={change.context} />
      <VersionsDrawer code={versionsOf} round={round} onClose={() => setVersionsOf(null)} />
    </div>
  );
}
