import { and, inArray } from 'drizzle-orm';
import type { Db } from '../../schema/db.ts';
import { suggestionEvents, suggestions } from '../../schema/suggestions.ts';
import type { RecordKind } from '../vectors/vector-index.ts';

/** Stages that are only proposals: nobody has accepted them, so they leave the queues with their record. */
const proposalStages = ['suggested', 'routed', 'claimed'] as const;

/**
 * When a need or achievement is withdrawn, its not-yet-accepted pairs are withdrawn too (one system event
 * each), so managers stop working them. Accepted pairs stay: a manager closes those with the stage machine,
 * where the history of contact, PoC or pilot is kept.
 */
export async function withdrawOpenPairs(tx: Db, kind: RecordKind, ids: readonly string[], at: Date) {
  if (ids.length === 0) return 0;
  const column = kind === 'need' ? suggestions.needId : suggestions.achievementId;
  const withdrawn = await tx
    .update(suggestions)
    .set({ stage: 'withdrawn', updatedAt: at })
    .where(and(inArray(column, [...ids]), inArray(suggestions.stage, [...proposalStages])))
    .returning({ id: suggestions.id });
  if (withdrawn.length > 0) {
    await tx.insert(suggestionEvents).values(
      withdrawn.map((row) => ({
        suggestionId: row.id,
        actorId: null,
        type: 'withdrawn',
        toStage: 'withdrawn',
        data: { reason: `${kind}_withdrawn` },
        at,
      })),
    );
  }
  return withdrawn.length;
}
