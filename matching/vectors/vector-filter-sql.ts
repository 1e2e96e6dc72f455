import { type SQL, sql } from 'drizzle-orm';
import type { Audience, VectorFilter } from './vector-index.ts';

const list = (values: string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/** The visibility rule every query carries: confidential rows only for their own organisation or the system. */
export function audienceSql(audience: Audience): SQL | undefined {
  if ('system' in audience) return undefined;
  return sql`(confidentiality <> 'confidential' or org_id = ${audience.orgId})`;
}

/** WHERE conditions for the record_vectors table; applied inside the index scan, before the top-k cut. */
export function vectorFilterSql(filter: Partial<VectorFilter>): SQL[] {
  const parts: (SQL | undefined)[] = [];
  if (filter.kind) parts.push(sql`kind = ${filter.kind}`);
  // An explicit empty allow-list matches nothing (same on every backend); an absent one does not constrain.
  if (filter.statuses) parts.push(filter.statuses.length ? sql`status in (${list(filter.statuses)})` : sql`false`);
  if (filter.chainIds) parts.push(filter.chainIds.length ? sql`chain_id in (${list(filter.chainIds)})` : sql`false`);
  if (filter.excludeOrgIds?.length) parts.push(sql`org_id not in (${list(filter.excludeOrgIds)})`);
  if (filter.audience) parts.push(audienceSql(filter.audience));
  return parts.filter((p): p is SQL => p !== undefined);
}

export const vectorLiteral = (v: Float32Array) => `[${Array.from(v).join(',')}]`;
