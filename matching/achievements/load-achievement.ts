import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { achievements } from '../../schema/achievements.ts';
import type { Actor } from '../core/actor.ts';
import type { Deps } from '../core/deps.ts';
import { NotFoundError } from '../core/errors.ts';
import type { BrowseLevel } from '../disclosure/audience.ts';
import { type AchievementRow, achievementAccess } from './achievement-view.ts';

/** Same rule as needs: malformed, missing and hidden ids are indistinguishable. */
export async function loadVisibleAchievement(
  deps: Deps,
  actor: Actor,
  id: string,
): Promise<{ row: AchievementRow; access: BrowseLevel }> {
  if (!z.uuid().safeParse(id).success) throw new NotFoundError('achievement');
  const [row] = await deps.db.select().from(achievements).where(eq(achievements.id, id)).limit(1);
  if (!row) throw new NotFoundError('achievement');
  const access = achievementAccess(actor, row);
  if (access === 'none') throw new NotFoundError('achievement');
  return { row, access };
}

export async function loadOwnAchievement(deps: Deps, actor: Actor, id: string): Promise<AchievementRow> {
  const { row, access } = await loadVisibleAchievement(deps, actor, id);
  if (access !== 'full') throw new NotFoundError('achievement');
  return row;
}
