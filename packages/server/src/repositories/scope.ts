import { regionPrefix } from '@hcp/domain';
import { sql, type Expression, type SqlBool } from 'kysely';
import type { DataScope } from '../services/actor.ts';

/**
 * The data-scope condition for a list query, given the columns that hold the row's region code and
 * organisation path. Every repository list method that serves staff goes through here.
 */
export function scopeCondition(
  scope: DataScope & { orgPaths?: string[] },
  regionColumn: string,
  pathColumn: string | null,
): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [];
  if (scope.regionCode) parts.push(sql<SqlBool>`${sql.ref(regionColumn)} like ${regionPrefix(scope.regionCode) + '%'}`);
  if (scope.orgPath) {
    parts.push(pathColumn ? sql<SqlBool>`${sql.ref(pathColumn)} like ${scope.orgPath + '%'}` : sql<SqlBool>`false`);
  }
  if (scope.orgPaths) {
    const any = scope.orgPaths.map((p) => (pathColumn ? sql<SqlBool>`${sql.ref(pathColumn)} like ${p + '%'}` : sql<SqlBool>`false`));
    parts.push(any.length ? sql<SqlBool>`(${sql.join(any, sql` or `)})` : sql<SqlBool>`false`);
  }
  return parts.length ? sql<SqlBool>`(${sql.join(parts, sql` and `)})` : sql<SqlBool>`true`;
}
