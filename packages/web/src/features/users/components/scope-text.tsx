import { useI18n } from '@/i18n/i18n-context.ts';
import { organisationById } from '@/lib/lookups/organisations.ts';
import { regionByCode } from '@/lib/lookups/regions.ts';
import { useQuery } from '@/lib/use-query.ts';

/** 数据范围 in words: the region's and the unit's names, or "everything". */
export function ScopeText({ regionCode, orgId }: { regionCode: string | null; orgId: number | null }) {
  const { t } = useI18n();
  const region = useQuery(regionCode ? `region:${regionCode}` : null, () => regionByCode(regionCode!));
  const org = useQuery(orgId !== null ? `org:${orgId}` : null, () => organisationById(orgId!));
  if (regionCode === null && orgId === null) return <>{t('users.scopeAll')}</>;
  return (
    <span style={{ display: 'inline-flex', flexDirection: 'column' }}>
      {regionCode && <span>{t('users.scopeRegionIs', { name: region.data?.name ?? regionCode })}</span>}
      {orgId !== null && <span>{t('users.scopeOrgIs', { name: org.data?.name ?? `#${orgId}` })}</span>}
    </span>
  );
}
