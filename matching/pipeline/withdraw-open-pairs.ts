import { and, inArray } from 'drizzle-orm';
import { suggestions } from '../../schema/suggestions.ts';
import type { WriteScope } from '../core/write.ts';
import { recordEvents } from '../queue/record-event.ts';
import type { RecordKind } from '../vectors/vector-index.ts';

/** Stages that are only proposals: nobody has accepted them, so they leave the queues with their record. */
const proposalStages = ['suggested', 'routed', 'claimed'] as const;

/**
 * When a need or achievement is withdrawn, its not-yet-accepted pairs are withdrawn too (one system event
 * each, with the stage it left), so managers stop working them. Accepted pairs stay: a manager closes those
 * with the stage machine, where the history of contact, PoC or pilot is kept.
 */
export async function withdrawOpenPairs(scope: WriteScope, kind: RecordKind, ids: readonly string[], at: Date) {
  if (ids.length === 0) return 0;
  const { tx } = scope;
  const column = kind === 'need' ? suggestions.needId : suggestions.achievementId;
  const open = await tx
    .select({ id: suggestions.id, stage: suggestions.stage })
    .from(suggestions)
    .where(and(inArray(column, [...ids]), inArray(suggestions.stage, [...proposalStages])))
    .for('update');
  if (open.length === 0) return 0;
  await tx
    .update(suggestions)
    .set({ stage: 'withdrawn', updatedAt: at })
    .where(
      inArray(
        suggestions.id,
        open.map((p) => p.id),
      ),
    );
  await recordEvents(
    scope,
    open.map((pair) => ({
      suggestionId: pair.id,
      actorId: null,
      system: 'system:ingest' as const,
      type: 'withdrawn',
      fromStage: pair.stage,
      toStage: 'withdrawn',
      data: { reason: `${kind}_withdrawn` },
      at,
    })),
  );
  return open.length;
}
