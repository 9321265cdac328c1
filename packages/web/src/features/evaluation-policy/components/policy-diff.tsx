import type { Indicator, Label, ListDiff, PolicyDiff, ReasonTag } from '@hcp/domain';
import { Empty, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '@/i18n/i18n-context.ts';
import type { MessageKey } from '@/i18n/dictionary.ts';
import { labelIn } from '@/lib/evaluation-labels.ts';

type Coded = (ReasonTag | Indicator) & Label;

/**
 * What a saved version changed against the one in force before it: level labels, reason tags and
 * indicators added, removed or relabelled (by code), and every other setting with its old and new value.
 */
export function PolicyDiffView({ diff }: { diff: PolicyDiff }) {
  const { t, locale } = useI18n();
  if (diff.unchanged) return <Empty description={t('policy.diff.none')} />;
  const name = (x: Label) => labelIn(x, locale);
  const value = (field: string, v: unknown): string => {
    if (v === null || v === undefined) return t('common.none');
    if (field === 'opensAt') return t(`policy.opensAt.${v as 'completed'}`);
    if (field === 'badRatingNeeds') return t(`policy.badRatingNeeds.${v as 'tag'}`);
    if (Array.isArray(v)) return v.every((x) => typeof x !== 'object') ? v.join('、') : t('policy.diff.items', { n: v.length });
    if (typeof v === 'object') return Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}: ${String(x)}`).join('；');
    return String(v);
  };
  const rows: { key: string; node: ReactNode }[] = [];
  for (const l of diff.levels) rows.push({ key: `level-${l.level}`, node: <>{t('policy.diff.level', { level: l.level })}：{name(l.before)} → {name(l.after)}</> });
  const list = (kind: string, d: ListDiff<Coded>) => {
    for (const x of d.added) rows.push({ key: `${kind}+${x.code}`, node: <><Tag color="green">{t('policy.diff.added')}</Tag>{t(`policy.diff.${kind}` as MessageKey)} {x.code} {name(x)}</> });
    for (const x of d.removed) rows.push({ key: `${kind}-${x.code}`, node: <><Tag color="red">{t('policy.diff.removed')}</Tag>{t(`policy.diff.${kind}` as MessageKey)} <s>{x.code} {name(x)}</s></> });
    for (const x of d.changed) rows.push({ key: `${kind}~${x.code}`, node: <><Tag color="blue">{t('policy.diff.changed')}</Tag>{t(`policy.diff.${kind}` as MessageKey)} {x.code}：{name(x.before)} → {name(x.after)}</> });
  };
  list('tag', diff.tags);
  list('online', diff.indicators.online);
  list('offline', diff.indicators.offline);
  for (const s of diff.settings) {
    const label = t(`policy.field.${s.field}` as MessageKey);
    rows.push({
      key: `setting-${s.field}`,
      node: (
        <>
          <Tag color="blue">{t('policy.diff.changed')}</Tag>
          {label === `policy.field.${s.field}` ? s.field : label}：<Typography.Text delete>{value(s.field, s.before)}</Typography.Text> → <Typography.Text strong>{value(s.field, s.after)}</Typography.Text>
        </>
      ),
    });
  }
  return (
    <ul aria-label={t('policy.diff.title')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {rows.map((r) => (
        <li key={r.key} style={{ padding: '6px 0', borderBottom: '1px solid rgba(5, 5, 5, 0.06)' }}>
          {r.node}
        </li>
      ))}
    </ul>
  );
}
