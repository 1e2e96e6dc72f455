import { eq, inArray } from 'drizzle-orm';
import { achievements } from '../../schema/achievements.ts';
import type { Db } from '../../schema/db.ts';
import { needs } from '../../schema/needs.ts';
import { organisations } from '../../schema/organisations.ts';
import { suggestionEvents, suggestions } from '../../schema/suggestions.ts';
import type { AchievementRow } from '../achievements/achievement-view.ts';
import { disclosureKey, liveDisclosures } from '../disclosure/pair-grants.ts';
import type { NeedRow } from '../needs/need-view.ts';

export type EventContext = {
  event: typeof suggestionEvents.$inferSelect;
  suggestion: typeof suggestions.$inferSelect;
  need: NeedRow;
  achievement: AchievementRow;
  orgNames: Map<string, string>;
  /** Sides whose owner has disclosed them to this pair's counterpart (disclosure/pair-grants.ts). */
  disclosed: { need: boolean; achievement: boolean };
};

/** Everything a notification is built from, read fresh when the job runs. Null when the event is gone. */
export async function loadEventContext(db: Db, eventId: string): Promise<EventContext | null> {
  const [event] = await db.select().from(suggestionEvents).where(eq(suggestionEvents.id, eventId)).limit(1);
  if (!event) return null;
  const [suggestion] = await db.select().from(suggestions).where(eq(suggestions.id, event.suggestionId)).limit(1);
  if (!suggestion) return null;
  const [[need], [achievement]] = await Promise.all([
    db.select().from(needs).where(eq(needs.id, suggestion.needId)).limit(1),
    db.select().from(achievements).where(eq(achievements.id, suggestion.achievementId)).limit(1),
  ]);
  if (!need || !achievement) return null;
  const orgs = await db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(inArray(organisations.id, [need.orgId, achievement.orgId]));
  const grants = await liveDisclosures(db, [suggestion.id]);
  return {
    event,
    suggestion,
    need,
    achievement,
    orgNames: new Map(orgs.map((o) => [o.id, o.name])),
    disclosed: {
      need: grants.has(disclosureKey(suggestion.id, 'need')),
      achievement: grants.has(disclosureKey(suggestion.id, 'achievement')),
    },
  };
}
