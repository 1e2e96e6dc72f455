import type { MatchHit, MatchIndex } from '../retrieval/match-index.ts';
import type { AchievementProfile, NeedProfile } from './pair-profiles.ts';
import { type RankOptions, rankAchievementsForNeed } from './rank-candidates.ts';

export interface RankedMatchIndexInput {
  /** Retrieval: any MatchIndex (memory, PostgreSQL, Qdrant). */
  index: MatchIndex;
  /** The query text as a need; ids are irrelevant here. */
  describeQuery: (text: string) => NeedProfile;
  /** A candidate's profile by id; unknown ids are dropped (e.g. withdrawn since indexing). */
  describeCandidate: (id: string) => AchievementProfile | undefined;
  /** How many retrieval hits the ranker reorders. */
  candidates?: number;
  rank?: RankOptions;
}

/**
 * Need → achievement matching packaged as a MatchIndex: retrieve, rank on features, diversify. The eval
 * measures this, so its numbers are those of the suggestions the match job would produce.
 */
export function createRankedMatchIndex(input: RankedMatchIndexInput): MatchIndex {
  const { index } = input;
  const depth = input.candidates ?? 100;
  return {
    get size() {
      return index.size;
    },
    add: (docs) => index.add(docs),
    async search(query, k, options) {
      const hits = await index.search(query, Math.max(k, depth), options);
      const byId = new Map(hits.map((h) => [h.id, h]));
      const candidates = hits.flatMap((hit) => {
        const achievement = input.describeCandidate(hit.id);
        return achievement ? [{ achievement, signals: { lexical: hit.lexical, dense: hit.dense } }] : [];
      });
      const ranked = rankAchievementsForNeed(input.describeQuery(query), candidates, input.rank);
      return ranked.slice(0, k).map((s): MatchHit => {
        const hit = byId.get(s.achievementId);
        return {
          id: s.achievementId,
          score: s.score,
          relevance: s.relevance,
          features: s.features,
          lexical: hit?.lexical ?? 0,
          ...(hit?.dense !== undefined ? { dense: hit.dense } : {}),
        };
      });
    },
  };
}
