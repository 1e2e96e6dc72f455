import { eq } from 'drizzle-orm';
import type { Db } from '../../schema/db.ts';
import { industryChains } from '../../schema/industry-chains.ts';
import { organisations } from '../../schema/organisations.ts';
import type { FieldIssue } from '../core/errors.ts';
import { type ImportKind, kindSpecs } from './import-kinds.ts';
import { ImportSetupError } from './read-table.ts';

const key = (name: string) => name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

export type Lookups = {
  chain(value: string): string | undefined;
  organisation(name: string): { id: string } | FieldIssue;
};

/**
 * Chains by id or Chinese name, organisations by exact name (ignoring width and spaces) among the kinds that
 * may own this kind of record. Loaded once per run: an import touches a few hundred organisations at most.
 */
export async function loadLookups(db: Db, kind: ImportKind): Promise<Lookups> {
  const [chains, orgs] = await Promise.all([
    db.select({ id: industryChains.id, name: industryChains.name }).from(industryChains),
    db.select({ id: organisations.id, name: organisations.name, kind: organisations.kind }).from(organisations),
  ]);
  const chainBy = new Map<string, string>();
  for (const c of chains) chainBy.set(key(c.name), c.id);
  for (const c of chains) chainBy.set(key(c.id), c.id);
  const orgsBy = new Map<string, typeof orgs>();
  for (const o of orgs) orgsBy.set(key(o.name), [...(orgsBy.get(key(o.name)) ?? []), o]);
  const allowed: readonly string[] = kindSpecs[kind].orgKinds;
  return {
    chain: (value) => chainBy.get(key(value)),
    organisation: (name) => {
      const named = orgsBy.get(key(name)) ?? [];
      const fitting = named.filter((o) => allowed.includes(o.kind));
      const [only] = fitting;
      if (only && fitting.length === 1) return { id: only.id };
      if (fitting.length > 1)
        return { field: 'organisation', issue: 'ambiguous_organisation', params: { values: name } };
      if (named.length > 0)
        return { field: 'organisation', issue: 'organisation_kind', params: { values: allowed.join(', ') } };
      return { field: 'organisation', issue: 'unknown_organisation', params: { values: name } };
    },
  };
}

/** --org must name an organisation that may own this kind of record; checked before any row is read. */
export async function assertImportOrg(db: Db, kind: ImportKind, orgId: string): Promise<void> {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const [org] = uuid.test(orgId)
    ? await db.select().from(organisations).where(eq(organisations.id, orgId)).limit(1)
    : [];
  if (!org) throw new ImportSetupError(`--org ${orgId}: no such organisation`);
  const allowed: readonly string[] = kindSpecs[kind].orgKinds;
  if (!allowed.includes(org.kind)) {
    throw new ImportSetupError(
      `--org ${orgId}: ${org.name} is a ${org.kind}; ${kind}s belong to: ${allowed.join(', ')}`,
    );
  }
}
