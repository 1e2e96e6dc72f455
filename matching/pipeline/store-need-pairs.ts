import { and, eq, sql } from 'drizzle-orm';
import { needs } from '../../schema/needs.ts';
import { suggestions } from '../../schema/suggestions.ts';
import type { Deps } from '../core/deps.ts';
import type { LogEvent } from '../core/event-log.ts';
import { type WriteScope, write } from '../core/write.ts';
import { DEFAULT_CUTOFF } from '../ranking/cutoff.ts';
import type { RecordKind } from '../vectors/vector-index.ts';
import { isDeadStage, type NeedDecision } from './decide-need-pairs.ts';
import { jobNames } from './record-ingest.ts';

export type StoredDecision = { selected: number; created: number; live: number };

/**
 * Applies one need's decision in one transaction. New pairs only while the need holds fewer than
 * `maxPairs` live pairs (a re-match never takes a live pair away: someone may be working it); a selected
 * pair still only `suggested` and unassigned gets today's score, relevance and explanation; worked and dead
 * pairs are left alone, so a declined pair is never offered again. The need's row is locked first — routing's
 * lock order — which also serialises this need's own match job with an achievement's, so the cap holds.
 * New pairs record their route job here (key from the first new row: a retry that inserts nothing records
 * nothing), and the need's match state is written with them. Each new pair, each refreshed one and a change
 * of the match state is an event by `system:matcher`, with the scores and the ranker version that produced
 * them (what the learning and statistics issues read) but no text of either record.
 */
export async function storeNeedPairs(deps: Deps, decision: NeedDecision, foundBy: RecordKind): Promise<StoredDecision> {
  const { needId, selected } = decision;
  const now = deps.clock.now();
  return write(deps, async (scope) => {
    const { tx } = scope;
    const [need] = await tx
      .select({ matchState: needs.matchState, orgId: needs.orgId })
      .from(needs)
      .where(eq(needs.id, needId))
      .for('update');
    if (!need) return { selected: selected.length, created: 0, live: 0 };
    const existing = await tx
      .select({
        achievementId: suggestions.achievementId,
        stage: suggestions.stage,
        score: suggestions.score,
        relevance: suggestions.relevance,
        modelVersion: suggestions.modelVersion,
      })
      .from(suggestions)
      .where(eq(suggestions.needId, needId));
    const stageOf = new Map(existing.map((p) => [p.achievementId, p.stage]));
    const storedOf = new Map(existing.map((p) => [p.achievementId, p]));
    let room = DEFAULT_CUTOFF.maxPairs - existing.filter((p) => !isDeadStage(p.stage)).length;
    const fresh = [];
    const refresh = [];
    for (const s of selected) {
      const stage = stageOf.get(s.achievementId);
      if (stage === undefined && room > 0) {
        fresh.push(s);
        room -= 1;
      } else if (stage === 'suggested') refresh.push(s);
    }
    const inserted =
      fresh.length === 0
        ? []
        : await tx
            .insert(suggestions)
            .values(fresh.map((s) => ({ ...s, foundBy, createdAt: now, updatedAt: now })))
            .onConflictDoNothing({ target: [suggestions.needId, suggestions.achievementId] })
            .returning({ id: suggestions.id, achievementId: suggestions.achievementId });
    for (const row of inserted) {
      const s = fresh.find((f) => f.achievementId === row.achievementId);
      if (s) scope.log(pairScored('suggested', row.id, need.orgId, { ...s, foundBy }, now));
    }
    for (const s of refresh) {
      const refreshed = await tx
        .update(suggestions)
        .set({
          score: s.score,
          relevance: s.relevance,
          features: s.features,
          modelVersion: s.modelVersion,
          explanation: s.explanation,
          updatedAt: now,
        })
        .where(
          and(
            eq(suggestions.needId, s.needId),
            eq(suggestions.achievementId, s.achievementId),
            eq(suggestions.stage, 'suggested'),
            sql`${suggestions.managerId} is null`,
          ),
        )
        .returning({ id: suggestions.id });
      // Re-matching rewrites the text of an unchanged pair too; only a change of its numbers is an event.
      const was = storedOf.get(s.achievementId);
      const moved = was?.score !== s.score || was?.relevance !== s.relevance || was?.modelVersion !== s.modelVersion;
      if (moved) for (const row of refreshed) scope.log(pairScored('rescored', row.id, need.orgId, s, now));
    }
    const first = inserted[0];
    if (first) {
      const suggestionIds = inserted.map((row) => row.id);
      await scope.jobs([{ job: jobNames.route, key: `route-${first.id}`, payload: { suggestionIds } }]);
    }
    // Live before, plus what this run added: nothing else can add to the need while its row is locked.
    const live = existing.filter((p) => !isDeadStage(p.stage)).length + inserted.length;
    await writeMatchState(scope, needId, need, live > 0, now);
    return { selected: selected.length, created: inserted.length, live };
  });
}

type Scored = NeedDecision['selected'][number] & { foundBy?: RecordKind };

/** A pair's scores as the matcher set them: numbers and the ranker version, never the explanation's text. */
function pairScored(change: 'suggested' | 'rescored', id: string, orgId: string | null, s: Scored, at: Date): LogEvent {
  return {
    actor: 'system:matcher',
    subject: { kind: 'suggestion', id },
    orgId,
    type: `suggestion.${change}`,
    data: {
      needId: s.needId,
      achievementId: s.achievementId,
      score: s.score,
      relevance: s.relevance,
      modelVersion: s.modelVersion,
      ...(s.foundBy ? { foundBy: s.foundBy } : {}),
      ...(change === 'suggested' ? { fromStage: null, toStage: 'suggested' } : {}),
    },
    at,
  };
}

/**
 * `matched_at` is when a match job last left the need matched, as the API documents it: refreshed on every
 * such run (a fitting achievement published later is news to the owner and the admins), and kept when the
 * need falls back to `no_match_yet`, where it tells that it was matched once and when. `updated_at` is left
 * alone on purpose, as for the stored chain (store-record-chain.ts): the version (ETag) is the owner's edits,
 * and this system write must not make the owner's If-Match fail.
 */
async function writeMatchState(
  scope: WriteScope,
  needId: string,
  was: { matchState: string | null; orgId: string | null },
  matched: boolean,
  now: Date,
) {
  if (!matched && was.matchState === 'no_match_yet') return;
  const next = matched ? { matchState: 'matched', matchedAt: now } : { matchState: 'no_match_yet' };
  await scope.tx.update(needs).set(next).where(eq(needs.id, needId));
  if (was.matchState === next.matchState) return;
  scope.log({
    actor: 'system:matcher',
    subject: { kind: 'need', id: needId },
    orgId: was.orgId,
    type: 'need.match_state_changed',
    data: { from: was.matchState, to: next.matchState },
    at: now,
  });
}
