import { DEFAULT_LEXICAL_CONFIG, LexicalIndex, lexicalQuery } from '../retrieval/lexical-index.ts';
import { type Scored, topK } from '../retrieval/top-k.ts';
import { analyzeText } from '../text/analyze.ts';
import { cjkBigrams, cjkChars } from '../text/bigrams.ts';
import { isCjk } from '../text/segment.ts';
import type { Profile } from './match-document.ts';

/** What the engine keeps per indexed document, for filters and ranking. */
export type DocMeta = {
  recordId: string;
  orgId: string;
  status: string;
  confidentiality: string;
  chainId: string | null;
  profile: Profile;
  /** Cheap fingerprint of the analysed text: an unchanged text keeps its postings, only metadata moves. */
  textKey: number;
  alive: boolean;
};

export type StoredDocument = Omit<DocMeta, 'alive' | 'textKey'> & { normalized: string; words: string };

/** Latin/digit codes are part of the bigram field too (see analyzeText); rebuilt here from the stored words. */
const isCodeToken = (w: string) => !isCjk(w.charAt(0));

/**
 * One side of the market (needs or achievements) in memory: BM25 postings plus metadata. A changed text
 * appends a new document and tombstones the old one; filters run before the top-k cut.
 */
export class KindIndex {
  private readonly lexical = new LexicalIndex(DEFAULT_LEXICAL_CONFIG, false);
  private readonly metas: DocMeta[] = [];
  private readonly byRecord = new Map<string, number>();
  private dead = 0;

  get size(): number {
    return this.byRecord.size;
  }

  get deadRatio(): number {
    return this.metas.length === 0 ? 0 : this.dead / this.metas.length;
  }

  upsert(doc: StoredDocument): void {
    const textKey = fingerprint(doc.words, fingerprint(doc.normalized));
    const previous = this.byRecord.get(doc.recordId);
    const prevMeta = previous === undefined ? undefined : this.metas[previous];
    const { normalized, words, ...fields } = doc;
    if (prevMeta && previous !== undefined && prevMeta.textKey === textKey) {
      this.metas[previous] = { ...fields, textKey, alive: true };
      return;
    }
    if (prevMeta) {
      prevMeta.alive = false;
      this.dead++;
    }
    const wordList = words ? words.split(' ') : [];
    const n = this.lexical.add({
      words: wordList,
      bigrams: [...cjkBigrams(normalized), ...wordList.filter(isCodeToken)],
      chars: cjkChars(normalized),
    });
    this.metas[n] = { ...fields, textKey, alive: true };
    this.byRecord.set(doc.recordId, n);
  }

  get(recordId: string): DocMeta | undefined {
    const n = this.byRecord.get(recordId);
    return n === undefined ? undefined : this.metas[n];
  }

  search(text: string, k: number, accept: (meta: DocMeta) => boolean): { meta: DocMeta; lexical: number }[] {
    const scores = this.lexical.score(lexicalQuery(analyzeText(text)));
    const hits: Scored[] = topK(scores, k, true, (doc) => {
      const meta = this.metas[doc];
      return meta?.alive === true && accept(meta);
    });
    return hits.flatMap((h) => {
      const meta = this.metas[h.doc];
      return meta ? [{ meta, lexical: h.score }] : [];
    });
  }
}

/**
 * FNV-1a over the normalised text and its words. Kept instead of the text itself: at 100k
 * documents a copy of every text per process would cost more than the postings. It is only ever compared with
 * the same record's previous version, where a 32-bit collision is negligible.
 */
function fingerprint(text: string, seed = 0x811c9dc5): number {
  let hash = seed;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
