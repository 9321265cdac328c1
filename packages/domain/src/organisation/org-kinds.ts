/** Kinds of organisation in the tree (政务服务单位和机构). */
export const ORG_KINDS = ['unit', 'center', 'hall', 'station', 'window'] as const;
export type OrganisationKind = (typeof ORG_KINDS)[number];

export const ORG_KIND_NAMES: Record<OrganisationKind, { zh: string; en: string }> = {
  unit: { zh: '单位', en: 'unit' },
  center: { zh: '中心', en: 'service center' },
  hall: { zh: '大厅', en: 'hall' },
  station: { zh: '站点', en: 'service station' },
  window: { zh: '窗口', en: 'window' },
};

/**
 * Which kind may sit under which. `null` means it may be a root. Units nest as departments and
 * their sub-offices; halls, stations and windows belong to the service-center side of the tree.
 */
const ALLOWED_PARENTS: Record<OrganisationKind, readonly (OrganisationKind | null)[]> = {
  unit: [null, 'unit'],
  center: [null, 'center'],
  hall: [null, 'center'],
  station: [null, 'center'],
  window: ['hall', 'station', 'center'],
};

export function canNestUnder(kind: OrganisationKind, parent: OrganisationKind | null): boolean {
  return ALLOWED_PARENTS[kind].includes(parent);
}

export function allowedParentsOf(kind: OrganisationKind): readonly (OrganisationKind | null)[] {
  return ALLOWED_PARENTS[kind];
}
