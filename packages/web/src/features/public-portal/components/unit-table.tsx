import type { PublicUnitEntry } from '@hcp/domain';
import { Link } from '@/components/link.tsx';
import { usePortalText } from '@/i18n/use-portal-text.ts';

/** Units with their rank, satisfaction and volume, each linking to its page. */
export function UnitTable({ caption, units, linkQuery, id }: { caption: string; units: PublicUnitEntry[]; linkQuery: string; id?: string }) {
  const { t, score, integer } = usePortalText();
  return (
    <div className="pp-table-wrap">
      <table className="pp-table" id={id}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('pp.rank')}</th>
            <th scope="col">{t('pp.unit')}</th>
            <th scope="col">{t('pp.metric.satisfaction')}</th>
            <th scope="col">{t('pp.volume')}</th>
          </tr>
        </thead>
        <tbody>
          {units.map((u) => (
            <tr key={u.id} data-unit={u.id}>
              <td>{u.rank ?? t('pp.unranked')}</td>
              <th scope="row">
                <Link className="cz-link" to={`/public/units/${u.id}${linkQuery}`}>
                  {u.name}
                </Link>
              </th>
              <td data-figure="satisfaction">{u.figures.withheld || u.figures.satisfaction === undefined ? '—' : score(u.figures.satisfaction)}</td>
              <td>{integer(u.figures.volume)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
