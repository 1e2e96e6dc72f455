import { and, asc, count, eq, ilike } from 'drizzle-orm';
import { organisations } from '../../schema/organisations.ts';
import { type Page, pageOffset } from '../core/pagination.ts';
import { parseInput } from '../core/validate.ts';
import type { WithInput } from '../core/verb.ts';
import { assertAdmin } from './assert-admin.ts';
import type { OrganisationRow } from './create-organisation.ts';
import { listOrganisationsInput } from './organisation-input.ts';

export async function listOrganisations({ deps, actor, input }: WithInput<unknown>): Promise<Page<OrganisationRow>> {
  assertAdmin(actor);
  const query = parseInput(listOrganisationsInput, input);
  const where = and(
    query.kind ? eq(organisations.kind, query.kind) : undefined,
    query.district ? eq(organisations.district, query.district) : undefined,
    query.q ? ilike(organisations.name, `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
  );
  const [items, totals] = await Promise.all([
    deps.db
      .select()
      .from(organisations)
      .where(where)
      .orderBy(asc(organisations.name), asc(organisations.id))
      .limit(query.pageSize)
      .offset(pageOffset(query)),
    deps.db.select({ total: count() }).from(organisations).where(where),
  ]);
  return { items, page: query.page, pageSize: query.pageSize, total: totals[0]?.total ?? 0 };
}
