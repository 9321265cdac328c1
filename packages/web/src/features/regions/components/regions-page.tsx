import { REGION_LEVEL_NAMES, regionLevelOf } from '@hcp/domain';
import { App, Button, Card, Col, Descriptions, Empty, Input, List, Row, Space } from 'antd';
import { useState } from 'react';
import { useFormModal } from '@/components/form-modal.tsx';
import { QueryError } from '@/components/query-error.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import type { Region } from '@/lib/lookups/regions.ts';
import { createRegion, type NewRegion } from '../api/create-region.ts';
import { useRegionSearch } from '../api/list-regions.ts';
import { renameRegion } from '../api/rename-region.ts';
import { CreateRegionModal, RenameRegionModal } from './region-forms.tsx';
import { RegionTree, useRegionTree } from './region-tree.tsx';

/** 行政区划: browse the tree level by level or search by name; a system administrator adds and renames. */
export function RegionsPage({ canWrite }: { canWrite: boolean }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const tree = useRegionTree();
  const [expanded, setExpanded] = useState<string[]>([]);
  const [selected, setSelected] = useState<Region | null>(null);
  const [q, setQ] = useState('');
  const search = useRegionSearch(q);

  const create = useFormModal(
    (v: Omit<NewRegion, 'parentCode'>, parent: Region | null) => createRegion({ ...v, parentCode: parent?.code ?? null }),
    async (_r, parent) => {
      message.success(t('common.saved'));
      if (parent) {
        await tree.load(parent.parentCode ?? '');
        await tree.load(parent.code);
        setExpanded((keys) => [...new Set([...keys, parent.code])]);
      } else await tree.load('');
    },
  );
  const rename = useFormModal(
    (v: { name: string }, region: Region) => renameRegion(region.code, v.name).then(() => v.name.trim()),
    async (name, region) => {
      message.success(t('common.saved'));
      await tree.load(region.parentCode ?? '');
      setSelected((s) => (s?.code === region.code ? { ...s, name } : s));
      search.reload();
    },
  );

  const level = (code: string) => REGION_LEVEL_NAMES[regionLevelOf(code)][locale === 'zh-CN' ? 'zh' : 'en'];
  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} lg={12}>
        <Card
          title={<h2 style={{ margin: 0, fontSize: 'inherit' }}>{t('regions.tree')}</h2>}
          extra={canWrite && <Button onClick={() => create.open(undefined, null)}>{t('regions.addProvince')}</Button>}
        >
          <Input.Search
            aria-label={t('regions.search')}
            placeholder={t('regions.search')}
            allowClear
            enterButton={t('common.search')}
            onSearch={(v) => setQ(v)}
            style={{ marginBottom: 16 }}
          />
          {q.trim() ? (
            <>
              <QueryError error={search.error} what={t('regions.searchResults')} onRetry={search.reload} />
              <List
                aria-label={t('regions.searchResults')}
                loading={search.loading}
                dataSource={search.data ?? []}
                locale={{ emptyText: t('common.noMatch') }}
                renderItem={(r) => (
                  <List.Item actions={[<Button key="open" type="link" onClick={() => setSelected(r)}>{t('common.details')}</Button>]}>
                    {r.name} · {r.code} · {level(r.code)}
                  </List.Item>
                )}
              />
            </>
          ) : (
            <RegionTree tree={tree} expanded={expanded} onExpand={setExpanded} selected={selected?.code ?? null} onSelect={setSelected} />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={<h2 style={{ margin: 0, fontSize: 'inherit' }}>{selected ? selected.name : t('regions.details')}</h2>}>
          {selected ? (
            <>
              <Descriptions
                column={1}
                items={[
                  { key: 'name', label: t('regions.name'), children: selected.name },
                  { key: 'code', label: t('regions.code'), children: selected.code },
                  { key: 'level', label: t('regions.level'), children: level(selected.code) },
                  { key: 'parent', label: t('regions.parent'), children: selected.parentCode ?? t('common.none') },
                ]}
              />
              {canWrite && (
                <Space wrap style={{ marginTop: 16 }}>
                  <Button onClick={() => rename.open({ name: selected.name }, selected)}>{t('regions.rename')}</Button>
                  {regionLevelOf(selected.code) < 5 && (
                    <Button type="primary" onClick={() => create.open(undefined, selected)}>
                      {t('regions.addChild')}
                    </Button>
                  )}
                </Space>
              )}
            </>
          ) : (
            <Empty description={t('regions.pick')} />
          )}
        </Card>
      </Col>
      <CreateRegionModal {...create.props} parent={create.context ?? null} />
      <RenameRegionModal {...rename.props} region={rename.context} />
    </Row>
  );
}
