import { canNestUnder, ORG_KINDS } from '@hcp/domain';
import { App, Button, Card, Col, Descriptions, Empty, Input, List, Row, Space, Tag } from 'antd';
import { useState } from 'react';
import { useFormModal } from '@/components/form-modal.tsx';
import { QueryError } from '@/components/query-error.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import type { Organisation } from '@/lib/lookups/organisations.ts';
import { useQuery } from '@/lib/use-query.ts';
import { createOrganisation, type NewOrganisation } from '../api/create-organisation.ts';
import { listOrganisations } from '../api/list-organisations.ts';
import { updateOrganisation, type OrganisationChange } from '../api/update-organisation.ts';
import { KindTag } from './kind-tag.tsx';
import { CreateOrganisationModal, EditOrganisationModal } from './organisation-forms.tsx';
import { OrganisationTree, ROOT, useOrganisationTree } from './organisation-tree.tsx';

export interface OrganisationsPageProps {
  canWrite: boolean;
  scopeOrgId: number | null;
  scopeRegionCode: string | null;
}

/** 机构管理: the units, centers, halls, stations and windows in the user's scope, as a tree. */
export function OrganisationsPage({ canWrite, scopeOrgId, scopeRegionCode }: OrganisationsPageProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const tree = useOrganisationTree(scopeOrgId);
  const [expanded, setExpanded] = useState<string[]>([]);
  const [selected, setSelected] = useState<Organisation | null>(null);
  const [q, setQ] = useState('');
  const search = useQuery(q.trim() ? `orgs?q=${q.trim()}` : null, (signal) => listOrganisations({ q: q.trim(), limit: 100 }, signal));

  const parentKey = (o: Organisation) => (o.parentId === null || o.id === scopeOrgId ? ROOT : String(o.parentId));
  const create = useFormModal(
    (v: NewOrganisation) => createOrganisation({ ...v, parentId: v.parentId ?? null }),
    async (org: Organisation) => {
      message.success(t('orgs.created', { name: org.name }));
      await tree.load(org.parentId === null ? ROOT : String(org.parentId));
      if (org.parentId !== null) setExpanded((keys) => [...new Set([...keys, String(org.parentId)])]);
      setSelected(org);
    },
  );
  const edit = useFormModal(
    (v: Required<OrganisationChange>, org: Organisation) => updateOrganisation(org.id, v),
    async (org: Organisation) => {
      message.success(t('common.saved'));
      await tree.load(parentKey(org));
      setSelected(org);
      search.reload();
    },
  );
  const addUnder = (parent: Organisation | null) =>
    create.open({
      parentId: parent?.id ?? null,
      regionCode: parent?.regionCode ?? scopeRegionCode ?? undefined,
      kind: ORG_KINDS.find((k) => canNestUnder(k, parent?.kind ?? null)),
    } as Partial<NewOrganisation>);

  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} xl={14}>
        <Card
          title={<h2 style={{ margin: 0, fontSize: 'inherit' }}>{t('orgs.tree')}</h2>}
          extra={canWrite && <Button onClick={() => addUnder(null)}>{t('orgs.create')}</Button>}
        >
          <Input.Search aria-label={t('orgs.search')} placeholder={t('orgs.search')} allowClear enterButton={t('common.search')} onSearch={setQ} style={{ marginBottom: 16 }} />
          {q.trim() ? (
            <>
              <QueryError error={search.error} what={t('orgs.searchResults')} onRetry={search.reload} />
              <List
                aria-label={t('orgs.searchResults')}
                loading={search.loading}
                dataSource={search.data ?? []}
                locale={{ emptyText: t('common.noMatch') }}
                renderItem={(o) => (
                  <List.Item actions={[<Button key="open" type="link" onClick={() => setSelected(o)}>{t('common.details')}</Button>]}>
                    {o.name} <KindTag kind={o.kind} /> {o.code}
                  </List.Item>
                )}
              />
            </>
          ) : (
            <OrganisationTree tree={tree} expanded={expanded} onExpand={setExpanded} selected={selected?.id ?? null} onSelect={setSelected} />
          )}
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card title={<h2 style={{ margin: 0, fontSize: 'inherit' }}>{selected ? selected.name : t('orgs.details')}</h2>}>
          {selected ? (
            <>
              <Descriptions
                column={1}
                items={[
                  { key: 'kind', label: t('orgs.kind'), children: <KindTag kind={selected.kind} /> },
                  { key: 'name', label: t('orgs.name'), children: selected.name },
                  { key: 'code', label: t('orgs.code'), children: selected.code ?? t('common.none') },
                  { key: 'id', label: 'ID', children: selected.id },
                  { key: 'region', label: t('common.region'), children: selected.regionCode },
                  { key: 'active', label: t('common.status'), children: selected.active ? <Tag color="green">{t('common.enabled')}</Tag> : <Tag>{t('common.disabled')}</Tag> },
                ]}
              />
              {canWrite && (
                <Space wrap style={{ marginTop: 16 }}>
                  <Button onClick={() => edit.open({ name: selected.name, code: selected.code, active: selected.active }, selected)}>{t('common.edit')}</Button>
                  {selected.kind !== 'window' && (
                    <Button type="primary" onClick={() => addUnder(selected)}>
                      {t('orgs.addChild')}
                    </Button>
                  )}
                </Space>
              )}
            </>
          ) : (
            <Empty description={t('orgs.pick')} />
          )}
        </Card>
      </Col>
      <CreateOrganisationModal {...create.props} />
      <EditOrganisationModal {...edit.props} org={edit.context} />
    </Row>
  );
}
