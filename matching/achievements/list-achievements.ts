import { count, desc } from 'drizzle-orm';
import { achievements } from '../../schema/achievements.ts';
import { type Page, pageOffset } from '../core/pagination.ts';
import { parseInput } from '../core/validate.ts';
import type { WithInput } from '../core/verb.ts';
import { logConfidentialReads, type RecordRead } from '../disclosure/confidential-reads.ts';
import { listConditions } from '../records/list-scope.ts';
import { type ListAchievementsInput, listAchievementsInput } from './achievement-input.ts';
import { type AchievementView, achievementAccess, toAchievementView } from './achievement-view.ts';

/** Institutions list their own achievements; admins all; enterprises and managers the published pool. */
export async function listAchievements({
  deps,
  actor,
  input,
}: WithInput<ListAchievementsInput | unknown>): Promise<Page<AchievementView>> {
  const query = parseInput(listAchievementsInput, input);
  const where = listConditions(actor, achievements, ['published'], query, ['institution']);
  const [rows, totals] = await Promise.all([
    deps.db
      .select()
      .from(achievements)
      .where(where)
      .orderBy(desc(achievements.createdAt), desc(achievements.id))
      .limit(query.pageSize)
      .offset(pageOffset(query)),
    deps.db.select({ total: count() }).from(achievements).where(where),
  ]);
  const reads: RecordRead[] = [];
  const items = rows.flatMap((row) => {
    const access = achievementAccess(actor, row);
    if (access === 'none') return [];
    reads.push({ ...row, kind: 'achievement', level: access });
    return [toAchievementView(access, row)];
  });
  await logConfidentialReads(deps, actor, reads, 'list');
  return { items, page: query.page, pageSize: query.pageSize, total: totals[0]?.total ?? 0 };
}
