import { count, desc } from 'drizzle-orm';
import { needs } from '../../schema/needs.ts';
import { type Page, pageOffset } from '../core/pagination.ts';
import { parseInput } from '../core/validate.ts';
import type { WithInput } from '../core/verb.ts';
import { listConditions } from '../records/list-scope.ts';
import { type ListNeedsInput, listNeedsInput } from './need-input.ts';
import { type NeedView, needAccess, toNeedView } from './need-view.ts';

/** Enterprises list their own organisation's needs; admins all; institutions and managers open ones. */
export async function listNeeds({ deps, actor, input }: WithInput<ListNeedsInput | unknown>): Promise<Page<NeedView>> {
  const query = parseInput(listNeedsInput, input);
  const where = listConditions(actor, needs, ['open', 'matching'], query, ['enterprise']);
  const [rows, totals] = await Promise.all([
    deps.db
      .select()
      .from(needs)
      .where(where)
      .orderBy(desc(needs.createdAt), desc(needs.id))
      .limit(query.pageSize)
      .offset(pageOffset(query)),
    deps.db.select({ total: count() }).from(needs).where(where),
  ]);
  const items = rows.flatMap((row) => {
    const access = needAccess(actor, row);
    return access === 'none' ? [] : [toNeedView(access, row)];
  });
  return { items, page: query.page, pageSize: query.pageSize, total: totals[0]?.total ?? 0 };
}
