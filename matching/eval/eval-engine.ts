import type { Embedder } from '../embedders/embedder.ts';
import { type AchievementProfile, achievementProfile, needProfile } from '../ranking/pair-profiles.ts';
import { createRankedMatchIndex } from '../ranking/ranked-match-index.ts';
import { createMemoryMatchIndex, type MatchIndex } from '../retrieval/match-index.ts';
import type { PrfParams } from '../retrieval/prf.ts';
import type { CorpusDoc } from './dataset.ts';

export interface EvalEngineOptions {
  /** 'v1': retrieve 100, rank with ranker-v1 features, diversify; 'none': retrieval alone. */
  ranker: 'v1' | 'none';
  /** Team diversification in the top 10 (only with the ranker). */
  diversity: boolean;
  /** A fitted embedder and its fusion weight; absent means lexical retrieval only. */
  dense?: { embedder: Embedder; weight: number } | undefined;
  prf?: PrfParams | undefined;
}

/**
 * The need → achievement matching as the eval and the retrieval benchmark measure it, built in one place so
 * the two never drift. Eval records carry no chain, TRL, modes or organisation, so those features stay
 * neutral. Achievement profiles (key terms) are built when documents are added, as the service does at ingest.
 */
export function createEvalEngine(corpus: readonly CorpusDoc[], options: EvalEngineOptions): MatchIndex {
  const retrieval = createMemoryMatchIndex({
    ...(options.dense
      ? { embedder: options.dense.embedder, dense: { weight: options.dense.weight, candidates: 100 } }
      : {}),
    ...(options.prf ? { prf: options.prf } : {}),
  });
  if (options.ranker === 'none') return retrieval;

  const corpusById = new Map(corpus.map((d) => [d.id, d]));
  const profiles = new Map<string, AchievementProfile>();
  const profileOf = (id: string): AchievementProfile | undefined => {
    const doc = corpusById.get(id);
    if (!doc) return undefined;
    let profile = profiles.get(id);
    if (!profile) {
      profile = achievementProfile({ id, title: doc.title, abstract: doc.text });
      profiles.set(id, profile);
    }
    return profile;
  };
  const ranked = createRankedMatchIndex({
    index: retrieval,
    describeQuery: (text) => needProfile({ id: 'query', title: text, description: '' }),
    describeCandidate: profileOf,
    rank: options.diversity ? {} : { diversity: false },
  });
  return {
    get size() {
      return ranked.size;
    },
    async add(docs) {
      await ranked.add(docs);
      for (const d of docs) profileOf(d.id);
    },
    search: (query, k, searchOptions) => ranked.search(query, k, searchOptions),
  };
}
