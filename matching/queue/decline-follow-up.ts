import type { declineReasons } from '../../schema/enums.ts';
import { type DbOrTx, recordJob } from '../core/outbox.ts';
import { matchWork } from '../pipeline/record-ingest.ts';
import type { SuggestionRow } from './queue-item.ts';

type DeclineReason = (typeof declineReasons)[number];

/**
 * Only `not_relevant` says the engine was wrong about the pair; the other reasons (IP unclear, price, a
 * capability gap, already solved …) judge a good match that will not go ahead, and are kept for statistics.
 */
export const isNegativeLabel = (reason: DeclineReason) => reason === 'not_relevant';

/**
 * The learning label a decline adds to its event: the pair as the model scored it, so the learner reads
 * negative examples from the event log alone, even after a re-match has refreshed or removed the pair.
 */
export function declineLabel(pair: SuggestionRow, reason: DeclineReason): Record<string, unknown> {
  if (!isNegativeLabel(reason)) return {};
  return {
    label: reason,
    features: pair.features,
    modelVersion: pair.modelVersion,
    score: pair.score,
    relevance: pair.relevance,
  };
}

/**
 * A pair declined as not relevant frees its place: a match job for the need (in the caller's transaction)
 * offers the next candidate above the cut-off, if there is one. Keyed by the need, so several declines before
 * it runs ask once — the job reads the need's pairs as they are when it runs.
 */
export async function rematchAfterDecline(tx: DbOrTx, pair: SuggestionRow, reason: DeclineReason) {
  if (!isNegativeLabel(reason)) return;
  await recordJob(tx, matchWork('need', pair.needId));
}
