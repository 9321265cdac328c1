import type { Organisation, OrgKind } from '../../db/schema.ts';
import { inChunks } from '../../imports/importer.ts';
import type { OrganisationRepository } from '../../repositories/organisation.repository.ts';
import type { Executor } from '../../repositories/audit.repository.ts';
import { isInScope, type Ctx, type ScopedTarget } from '../actor.ts';

export { OUT_OF_SCOPE } from '../../errors.ts';

export const inScope = (ctx: Ctx, target: ScopedTarget) => isInScope(ctx.actor, target);

const present = <T>(v: T | null | undefined): v is T => v !== null && v !== undefined;

/** A reference to an organisation in an import row: by id, or by code with an optional region. */
export interface OrgRef {
  id: number | null;
  code: string | null;
  regionCode: string | null;
}

export type Resolved = { org: Organisation } | { which: 'id' | 'code'; reason: string };

/**
 * Loads, in a few queries, every organisation of one kind that the rows refer to, and resolves
 * each reference. A code that several regions use needs the region to tell them apart.
 */
export async function orgResolver(orgs: OrganisationRepository, kind: OrgKind, refs: OrgRef[], db?: Executor) {
  const ids = [...new Set(refs.map((r) => r.id).filter(present))];
  const codes = [...new Set(refs.map((r) => r.code).filter(present))];
  const byId = new Map((await inChunks(ids, (s) => orgs.findMany(s, db))).map((o) => [o.id, o]));
  const byCode = new Map<string, Organisation[]>();
  for (const o of await inChunks(codes, (s) => orgs.findByKindAndCodes(kind, s, db))) byCode.set(o.code!, [...(byCode.get(o.code!) ?? []), o]);

  /** `preferRegion` breaks a tie between regions when the row gave no region of its own. */
  return (ref: OrgRef, preferRegion?: string | null): Resolved => {
    if (ref.id !== null) {
      const org = byId.get(ref.id);
      if (!org) return { which: 'id', reason: `no organisation ${ref.id}` };
      if (org.kind !== kind) return { which: 'id', reason: `organisation ${ref.id} is a ${org.kind}, not a ${kind}` };
      if (ref.code !== null && org.code !== ref.code) return { which: 'code', reason: `organisation ${ref.id} has code ${org.code ?? '(none)'}, not ${ref.code}` };
      return { org };
    }
    const candidates = byCode.get(ref.code ?? '') ?? [];
    const inRegion = ref.regionCode ? candidates.filter((o) => o.region_code === ref.regionCode) : candidates;
    if (inRegion.length === 1) return { org: inRegion[0]! };
    if (inRegion.length === 0) return { which: 'code', reason: `no ${kind} with code ${ref.code}${ref.regionCode ? ` in region ${ref.regionCode}` : ''}` };
    const preferred = preferRegion ? inRegion.filter((o) => o.region_code === preferRegion) : [];
    if (preferred.length === 1) return { org: preferred[0]! };
    return { which: 'code', reason: `${inRegion.length} ${kind}s have code ${ref.code}; give the region or the id` };
  };
}
