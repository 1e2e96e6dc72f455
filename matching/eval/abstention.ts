import { createHash } from 'node:crypto';
import { type Cutoff, selectRouted } from '../ranking/cutoff.ts';
import type { MatchHit } from '../retrieval/match-index.ts';
import type { Judgments } from './metrics.ts';

/**
 * The abstention evaluation: for a deterministic half of the queries the relevant documents are hidden from
 * retrieval, as if the pool held no answer yet. The production decision (what the match job would store and
 * route) is applied to every query, so it is measured both on finding the answer and on keeping quiet.
 */
export const isUnanswerable = (queryId: string): boolean =>
  ((createHash('sha256').update(queryId).digest()[0] ?? 0) & 1) === 1;

export interface RoutedReport {
  /** Share of routed pairs that are relevant (1 when nothing was routed at all). */
  precision: number;
  /** Share of answerable queries whose relevant document is routed. */
  answeredRecall: number;
  /** Share of unanswerable queries that route nothing. */
  abstention: number;
  /** Routed pairs per query, over all queries. */
  perNeed: number;
  answerable: number;
  unanswerable: number;
}

export function createRoutedTally(cutoff: Cutoff) {
  let routed = 0;
  let relevantRouted = 0;
  let answerable = 0;
  let answered = 0;
  let unanswerable = 0;
  let abstained = 0;
  return {
    add(hits: readonly MatchHit[], judgments: Judgments, hidden: boolean) {
      const chosen = selectRouted(
        hits.map((h) => ({ id: h.id, relevance: h.relevance ?? 0 })),
        cutoff,
      );
      const relevant = chosen.filter((h) => (judgments.get(h.id) ?? 0) > 0).length;
      routed += chosen.length;
      relevantRouted += relevant;
      if (hidden) {
        unanswerable++;
        if (chosen.length === 0) abstained++;
      } else {
        answerable++;
        if (relevant > 0) answered++;
      }
    },
    report(): RoutedReport {
      const queries = answerable + unanswerable;
      return {
        precision: routed === 0 ? 1 : relevantRouted / routed,
        answeredRecall: answerable === 0 ? 0 : answered / answerable,
        abstention: unanswerable === 0 ? 0 : abstained / unanswerable,
        perNeed: queries === 0 ? 0 : routed / queries,
        answerable,
        unanswerable,
      };
    },
  };
}
