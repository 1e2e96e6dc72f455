import { and, type Column, eq, ilike, inArray, isNotNull, isNull, ne, or, type SQL } from 'drizzle-orm';
import type { Actor } from '../core/actor.ts';
import { isAdmin } from '../core/actor.ts';
import type { ChainSource } from './chain-choice.ts';

type ScopedColumns = {
  orgId: Column;
  confidentiality: Column;
  status: Column;
  chainId: Column;
  chainSource: Column;
  title: Column;
};
type Filters = {
  chain?: string | undefined;
  chainSource?: ChainSource | undefined;
  confidentiality?: string | undefined;
  q?: string | undefined;
  orgId?: string | undefined;
};

/**
 * Which rows a list shows: owners see all of their organisation's, admins everything, everyone else only
 * listed, non-confidential records of others (shown redacted by the caller's view function).
 *
 * Filtering by owner is itself a disclosure: `orgId=X` over desensitised records would tell which of them X
 * posted. So for everyone but admins the owner filter reaches public records only.
 */
export function listConditions(
  actor: Actor,
  cols: ScopedColumns,
  listedStatuses: string[],
  filters: Filters & { status?: string | undefined },
  ownerRoles: readonly string[],
): SQL | undefined {
  const conditions: (SQL | undefined)[] = [];
  if (isAdmin(actor)) {
    if (filters.orgId) conditions.push(eq(cols.orgId, filters.orgId));
  } else if (ownerRoles.includes(actor.role)) {
    conditions.push(eq(cols.orgId, actor.orgId));
  } else {
    conditions.push(inArray(cols.status, listedStatuses), ne(cols.confidentiality, 'confidential'));
    if (filters.orgId) conditions.push(eq(cols.orgId, filters.orgId), eq(cols.confidentiality, 'public'));
  }
  if (filters.status) conditions.push(eq(cols.status, filters.status));
  if (filters.chain) conditions.push(eq(cols.chainId, filters.chain));
  if (filters.chainSource) conditions.push(chainSourceIs(cols, filters.chainSource));
  if (filters.confidentiality) conditions.push(eq(cols.confidentiality, filters.confidentiality));
  if (filters.q) conditions.push(ilike(cols.title, `%${escapeLike(filters.q)}%`));
  return and(...conditions);
}

/** Rows from before chain_source existed that carry a chain are the owner's (see chain-choice.ts ownersChain). */
const chainSourceIs = (cols: ScopedColumns, source: ChainSource) =>
  source === 'user'
    ? or(eq(cols.chainSource, 'user'), and(isNull(cols.chainSource), isNotNull(cols.chainId)))
    : eq(cols.chainSource, 'classified');

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
