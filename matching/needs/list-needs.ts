import { and, count, desc, eq } from 'drizzle-orm';
import { needs } from '../../schema/needs.ts';
import { isAdmin } from '../core/actor.ts';
import { ValidationError } from '../core/errors.ts';
import { type Page, pageOffset } from '../core/pagination.ts';
import { parseInput } from '../core/validate.ts';
import type { WithInput } from '../core/verb.ts';
import { logConfidentialReads, type RecordRead } from '../disclosure/confidential-reads.ts';
import { listConditions } from '../records/list-scope.ts';
import { type ListNeedsInput, listNeedsInput } from './need-input.ts';
import { type NeedView, needAccess, toNeedView } from './need-view.ts';

/** Roles whose list is their own organisation's needs. */
const ownerRoles = ['enterprise'];

/** Enterprises list their own organisation's needs; admins all; institutions and managers open ones. */
export async function listNeeds({ deps, actor, input }: WithInput<ListNeedsInput | unknown>): Promise<Page<NeedView>> {
  const query = parseInput(listNeedsInput, input);
  // The match state is owner-only (disclosure/policy.ts): filtering others' needs by it would disclose it.
  // Refused rather than ignored, so a caller never reads an unfiltered list as the filtered one.
  if (query.matchState && !isAdmin(actor) && !ownerRoles.includes(actor.role))
    throw new ValidationError([{ field: 'matchState', issue: 'owner_only_filter' }]);
  const where = and(
    listConditions(actor, needs, ['open', 'matching'], query, ownerRoles),
    query.matchState ? eq(needs.matchState, query.matchState) : undefined,
  );
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
  const reads: RecordRead[] = [];
  const items = rows.flatMap((row) => {
    const access = needAccess(actor, row);
    if (access === 'none') return [];
    reads.push({ ...row, kind: 'need', level: access });
    return [toNeedView(access, row)];
  });
  await logConfidentialReads(deps, actor, reads, 'list');
  return { items, page: query.page, pageSize: query.pageSize, total: totals[0]?.total ?? 0 };
}
