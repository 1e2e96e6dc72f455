import { and, arrayContains, asc, count, eq, type SQL } from 'drizzle-orm';
import { organisations } from '../../schema/organisations.ts';
import { platforms } from '../../schema/platforms.ts';
import { type Page, pageOffset } from '../core/pagination.ts';
import { parseInput } from '../core/validate.ts';
import type { WithInput } from '../core/verb.ts';
import { selectPlatforms } from './load-platform.ts';
import { type ListPlatformsInput, listPlatformsInput } from './platform-input.ts';
import { type PlatformView, toPlatformView } from './platform-view.ts';

/**
 * Platforms anyone signed in may look through — a manager choosing where to send a pair, an enterprise
 * looking for a 中试 line — filtered by kind, level, chain, PoC phase, field and district; national first.
 */
export async function listPlatforms({
  deps,
  input,
}: WithInput<ListPlatformsInput | unknown>): Promise<Page<PlatformView>> {
  const query = parseInput(listPlatformsInput, input);
  const filters: (SQL | undefined)[] = [
    query.kind ? eq(platforms.kind, query.kind) : undefined,
    query.level ? eq(platforms.level, query.level) : undefined,
    query.chain ? arrayContains(platforms.chains, [query.chain]) : undefined,
    query.phase ? arrayContains(platforms.pocPhases, [query.phase]) : undefined,
    query.field ? arrayContains(platforms.fields, [query.field]) : undefined,
    query.district ? eq(organisations.district, query.district) : undefined,
  ];
  const where = and(...filters);
  const [rows, totals] = await Promise.all([
    selectPlatforms(deps.db)
      .where(where)
      .orderBy(asc(platforms.level), asc(organisations.name), asc(organisations.id))
      .limit(query.pageSize)
      .offset(pageOffset(query)),
    deps.db
      .select({ total: count() })
      .from(platforms)
      .innerJoin(organisations, eq(organisations.id, platforms.orgId))
      .where(where),
  ]);
  return {
    items: rows.map((r) => toPlatformView(r.org, r.p)),
    page: query.page,
    pageSize: query.pageSize,
    total: totals[0]?.total ?? 0,
  };
}
