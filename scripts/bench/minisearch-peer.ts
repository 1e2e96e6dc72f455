import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import MiniSearch from 'minisearch';
import type { CorpusDoc } from '../../matching/eval/dataset.ts';
import type { Peer } from './peer.ts';

const WORD_LIKE = /[\p{L}\p{N}]/u;

/**
 * MiniSearch (BM25+, OR-combined terms, no prefix/fuzzy: its defaults) over title and text, tokenised with
 * jieba search mode (HMM on, as the project's own segmenter) minus pure punctuation/whitespace tokens;
 * MiniSearch's default processTerm lowercases.
 */
export function createMiniSearchPeer(): Peer {
  const jieba = Jieba.withDict(dict);
  const tokenize = (text: string): string[] => jieba.cutForSearch(text, true).filter((t) => WORD_LIKE.test(t));
  const mini = new MiniSearch<CorpusDoc>({ idField: 'id', fields: ['title', 'text'], tokenize });
  return {
    name: 'minisearch',
    async index(docs) {
      mini.addAll(docs);
    },
    async search(query, k) {
      return mini
        .search(query)
        .slice(0, k)
        .map((r) => ({ id: String(r.id), score: r.score }));
    },
  };
}
