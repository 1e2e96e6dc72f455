import { createAchievement } from '../../matching/achievements/create-achievement.ts';
import type { Deps } from '../../matching/core/deps.ts';
import { createNeed } from '../../matching/needs/create-need.ts';
import { suggestionEvents, suggestions } from '../../schema/suggestions.ts';
import { type Persona, sampleAchievement, sampleNeed } from '../support/factories.ts';

export type Parties = { ent: Persona; inst: Persona; mgr: Persona };

/**
 * A need, an achievement and their suggestion as the manager queue leaves it, written directly: the queue
 * belongs to another part of the system; these tests only need its rows.
 */
export async function makePair(
  deps: Deps,
  parties: Parties,
  over: { need?: Record<string, unknown>; achievement?: Record<string, unknown> } = {},
) {
  const need = await createNeed({ deps, actor: parties.ent, input: sampleNeed(over.need) });
  const achievement = await createAchievement({
    deps,
    actor: parties.inst,
    input: sampleAchievement(over.achievement),
  });
  const [suggestion] = await deps.db
    .insert(suggestions)
    .values({
      needId: need.id,
      achievementId: achievement.id,
      score: 0.9,
      features: { lexical: 0.8 },
      modelVersion: 'test',
      explanation: { zh: '测试' },
      foundBy: 'need',
      stage: 'accepted',
      managerId: parties.mgr.userId,
    })
    .returning();
  if (!suggestion) throw new Error('no suggestion');
  return { need, achievement, suggestion };
}

export async function recordEvent(
  deps: Deps,
  suggestionId: string,
  event: { type: string; fromStage: string | null; toStage: string | null; actorId?: string },
): Promise<string> {
  const [row] = await deps.db
    .insert(suggestionEvents)
    .values({ suggestionId, ...event, at: deps.clock.now() })
    .returning({ id: suggestionEvents.id });
  if (!row) throw new Error('no event');
  return row.id;
}
