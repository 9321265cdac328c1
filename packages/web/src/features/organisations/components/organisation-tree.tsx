import { Tag, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useCallback, useEffect, useState } from 'react';
import { QueryError } from '@/components/query-error.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import { organisationById, type Organisation } from '@/lib/lookups/organisations.ts';
import { listOrganisations } from '../api/list-organisations.ts';
import { KindTag } from './kind-tag.tsx';

export const ROOT = 'root';

/**
 * The loaded levels of the organisation tree, parent id → children. The top is the user's scope
 * organisation when they have one, else the organisations without a parent in their scope.
 */
export function useOrganisationTree(scopeOrgId: number | null) {
  const [levels, setLevels] = useState(new Map<string, Organisation[]>());
  const [error, setError] = useState<{ parent: string; error: unknown } | null>(null);
  const load = useCallback(
    async (parent: string) => {
      try {
        const children =
          parent !== ROOT ? await listOrganisations({ parentId: Number(parent) })
          : scopeOrgId !== null ? [await organisationById(scopeOrgId)]
          : await listOrganisations({ parentId: 0 });
        setLevels((m) => new Map(m).set(parent, children));
        setError(null);
      } catch (e) {
        setError({ parent, error: e });
      }
    },
    [scopeOrgId],
  );
  useEffect(() => {
    void load(ROOT);
  }, [load]);
  return { levels, load, error };
}

export function OrganisationTree({ tree, expanded, onExpand, selected, onSelect }: {
  tree: ReturnType<typeof useOrganisationTree>;
  expanded: string[];
  onExpand: (keys: string[]) => void;
  selected: number | null;
  onSelect: (org: Organisation) => void;
}) {
  const { t } = useI18n();
  const byId = new Map([...tree.levels.values()].flat().map((o) => [String(o.id), o]));
  const nodes = (parent: string): DataNode[] | undefined =>
    tree.levels.get(parent)?.map((o) => ({
      key: String(o.id),
      title: (
        <span>
          <span>{o.name}</span> <KindTag kind={o.kind} />
          {o.code && <Typography.Text type="secondary">{o.code}</Typography.Text>}
          {!o.active && <Tag style={{ marginInlineStart: 8 }}>{t('common.disabled')}</Tag>}
        </span>
      ),
      isLeaf: o.kind === 'window' || tree.levels.get(String(o.id))?.length === 0,
      children: nodes(String(o.id)),
    }));
  const roots = nodes(ROOT);
  return (
    <div>
      <QueryError error={tree.error?.error} what={t('orgs.tree')} onRetry={() => tree.error && void tree.load(tree.error.parent)} />
      {roots && roots.length === 0 && <Typography.Paragraph type="secondary">{t('orgs.empty')}</Typography.Paragraph>}
      <Tree
        aria-label={t('orgs.tree')}
        treeData={roots ?? []}
        loadData={(node) => tree.load(String(node.key))}
        expandedKeys={expanded}
        onExpand={(keys) => onExpand(keys.map(String))}
        selectedKeys={selected !== null ? [String(selected)] : []}
        onSelect={(keys) => {
          const org = byId.get(String(keys[0]));
          if (org) onSelect(org);
        }}
        showLine
        blockNode
      />
    </div>
  );
}
