import { ORG_KIND_NAMES, type OrganisationKind } from '@hcp/domain';
import { useI18n } from '@/i18n/i18n-context.ts';
import { organisationById, searchOrganisations, type Organisation } from '@/lib/lookups/organisations.ts';
import { RemoteSelect, type RemoteSelectProps } from './remote-select.tsx';

type Props = Omit<RemoteSelectProps<number>, 'search' | 'resolve' | 'fixed'> & {
  /** Only these kinds are offered; all kinds when left out. */
  kinds?: readonly OrganisationKind[];
  regionCode?: string;
};

/** Picks one or more organisations in the user's data scope by name, shown as "name (kind · code)". */
export function OrganisationSelect({ kinds, regionCode, ...rest }: Props) {
  const { locale } = useI18n();
  const label = (o: Organisation) => {
    const kind = locale === 'zh-CN' ? ORG_KIND_NAMES[o.kind].zh : ORG_KIND_NAMES[o.kind].en;
    return `${o.name}（${kind}${o.code ? ` · ${o.code}` : ''}）`;
  };
  return (
    <RemoteSelect<number>
      {...rest}
      search={async (q, signal) => {
        const kind = kinds?.length === 1 ? kinds[0] : undefined;
        const found = await searchOrganisations({ ...(q ? { q } : {}), ...(kind ? { kind } : {}), ...(regionCode ? { regionCode } : {}), limit: kinds && !kind ? 200 : 50 }, signal);
        return found.filter((o) => !kinds || kinds.includes(o.kind)).map((o) => ({ value: o.id, label: label(o) }));
      }}
      resolve={async (id) => label(await organisationById(id))}
    />
  );
}
