import { create, insertMultiple, search } from '@orama/orama';
import { createTokenizer } from '@orama/tokenizers/mandarin';
import type { Peer } from './peer.ts';

/**
 * Orama with its Mandarin tokenizer (Intl.Segmenter words) over title and text, default BM25 relevance
 * and default threshold (any query term may match); `id` is taken from the document, not indexed.
 */
export function createOramaPeer(): Peer {
  const db = create({
    schema: { title: 'string', text: 'string' } as const,
    components: { tokenizer: createTokenizer() },
  });
  return {
    name: 'orama',
    async index(docs) {
      await insertMultiple(
        db,
        docs.map((d) => ({ id: d.id, title: d.title, text: d.text })),
      );
    },
    async search(query, k) {
      const results = await search(db, { term: query, limit: k });
      return results.hits.map((h) => ({ id: h.id, score: h.score }));
    },
  };
}
