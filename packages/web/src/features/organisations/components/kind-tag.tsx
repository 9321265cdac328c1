import { ORG_KIND_NAMES, type OrganisationKind } from '@hcp/domain';
import { Tag } from 'antd';
import type { Locale } from '@/i18n/dictionary.ts';
import { useI18n } from '@/i18n/i18n-context.ts';

const COLORS: Record<OrganisationKind, string> = { unit: 'blue', center: 'purple', hall: 'cyan', station: 'geekblue', window: 'green' };

export const kindName = (kind: OrganisationKind, locale: Locale) => ORG_KIND_NAMES[kind][locale === 'zh-CN' ? 'zh' : 'en'];

/** The kind of an organisation (单位、中心、大厅、站点、窗口) as a coloured tag. */
export function KindTag({ kind }: { kind: OrganisationKind }) {
  const { locale } = useI18n();
  return <Tag color={COLORS[kind]}>{kindName(kind, locale)}</Tag>;
}
