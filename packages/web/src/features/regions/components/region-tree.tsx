import { Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useCallback, useEffect, useState } from 'react';
import { QueryError } from '@/components/query-error.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import type { Region } from '@/lib/lookups/regions.ts';
import { listRegions } from '../api/list-regions.ts';

const ROOT = '';

/** The loaded levels of the region tree: parent code ('' for the provinces) → children. */
export function useRegionTree() {
  const [levels, setLevels] = useState(new Map<string, Region[]>());
  const [error, setError] = useState<{ parent: string; error: unknown } | null>(null);
  const load = useCallback(async (parent: string) => {
    try {
      const children = await listRegions(parent ? { parentCode: parent } : {});
      setLevels((m) => new Map(m).set(parent, children));
      setError(null);
    } catch (e) {
      setError({ parent, error: e });
    }
  }, []);
  useEffect(() => {
    void load(ROOT);
  }, [load]);
  return { levels, load, error };
}

/**
 * 行政区划 as a tree whose levels load when opened (arrow keys move, Enter selects, right and
 * left open and close, as Ant Design's tree does).
 */
export function RegionTree({ tree, expanded, onExpand, selected, onSelect }: {
  tree: ReturnType<typeof useRegionTree>;
  expanded: string[];
  onExpand: (keys: string[]) => void;
  selected: string | null;
  onSelect: (region: Region) => void;
}) {
  const { t } = useI18n();
  const byCode = new Map([...tree.levels.values()].flat().map((r) => [r.code, r]));
  const nodes = (parent: string): DataNode[] | undefined =>
    tree.levels.get(parent)?.map((r) => ({
      key: r.code,
      title: (
        <span>
          <span>{r.name}</span> <Typography.Text type="secondary">{r.code}</Typography.Text>
        </span>
      ),
      isLeaf: r.children === 0,
      children: nodes(r.code),
    }));
  const roots = nodes(ROOT);
  return (
    <div>
      <QueryError error={tree.error?.error} what={t('regions.tree')} onRetry={() => tree.error && void tree.load(tree.error.parent)} />
      {roots && roots.length === 0 && <Typography.Paragraph type="secondary">{t('regions.empty')}</Typography.Paragraph>}
      <Tree
        aria-label={t('regions.tree')}
        treeData={roots ?? []}
        loadData={(node) => tree.load(String(node.key))}
        expandedKeys={expanded}
        onExpand={(keys) => onExpand(keys.map(String))}
        selectedKeys={selected ? [selected] : []}
        onSelect={(keys) => {
          const region = byCode.get(String(keys[0]));
          if (region) onSelect(region);
        }}
        showLine
        blockNode
      />
    </div>
  );
}
