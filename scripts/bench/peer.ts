import type { CorpusDoc } from '../../matching/eval/dataset.ts';
import type { MatchHit, MatchIndex } from '../../matching/retrieval/match-index.ts';

export interface PeerHit {
  id: string;
  score: number;
}

/** A third-party search library wrapped for the retrieval benchmark. */
export interface Peer {
  readonly name: string;
  /** Adds documents; called once per batch, so it must be incremental. */
  index(docs: readonly CorpusDoc[]): Promise<void>;
  /** The best k documents, best first. */
  search(query: string, k: number): Promise<PeerHit[]>;
}

/**
 * Lets a peer run through the same `runEval` as the project's engine. `runEval` hands over
 * `{ id, text: documentText(doc) }`; the peer gets the original corpus record instead, so it can index
 * title and text as separate fields.
 */
export function peerMatchIndex(peer: Peer, corpus: readonly CorpusDoc[]): MatchIndex {
  const byId = new Map(corpus.map((d) => [d.id, d]));
  let size = 0;
  return {
    get size() {
      return size;
    },
    async add(docs) {
      await peer.index(docs.map((d) => byId.get(d.id) ?? { id: d.id, title: '', text: d.text }));
      size += docs.length;
    },
    async search(query, k): Promise<MatchHit[]> {
      const hits = await peer.search(query, k);
      return hits.slice(0, k).map((h) => ({ id: h.id, score: h.score, lexical: h.score }));
    },
  };
}
