import { useI18n } from '@/i18n/i18n-context.ts';
import { regionByCode, searchRegions, type Region } from '@/lib/lookups/regions.ts';
import { RemoteSelect, type RemoteOption, type RemoteSelectProps } from './remote-select.tsx';

const label = (r: Region) => `${r.name}（${r.code}）`;

/**
 * Picks a region by name or by its code (GB/T 2260). `national` adds the national layer (for the
 * working calendar) as the first option, with the value "national".
 */
export function RegionSelect({ national, ...rest }: Omit<RemoteSelectProps<string>, 'search' | 'resolve' | 'fixed' | 'multiple'> & { national?: boolean }) {
  const { t } = useI18n();
  const fixed: RemoteOption<string>[] = national ? [{ value: 'national', label: t('common.national') }] : [];
  return (
    <RemoteSelect<string>
      {...rest}
      fixed={fixed}
      search={async (q, signal) => {
        // A typed code finds that region directly, even outside the first 50 matches of a name.
        if (/^\d{6}(\d{3}(\d{3})?)?$/.test(q.trim())) {
          const r = await regionByCode(q.trim()).catch(() => undefined);
          return r ? [{ value: r.code, label: label(r) }] : [];
        }
        return (await searchRegions(q, signal)).map((r) => ({ value: r.code, label: label(r) }));
      }}
      resolve={async (code) => (code === 'national' ? t('common.national') : label(await regionByCode(code)))}
    />
  );
}
