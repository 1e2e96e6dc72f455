import type { Deps } from '../core/deps.ts';
import type { DocMeta } from '../engine/kind-index.ts';
import type { RetrievalSignals } from '../ranking/compute-features.ts';
import type { RecordKind, VectorFilter } from '../vectors/vector-index.ts';

export type Candidate = { meta: DocMeta; signals: RetrievalSignals };

/**
 * Lexical candidates from the engine, plus — when dense retrieval is configured — the vector index's nearest
 * records under the same visibility filter (applied inside the vector query). The union goes to the ranker,
 * which weighs both signals; a candidate only one retriever found carries only that signal.
 */
export async function hybridCandidates(
  deps: Deps,
  kind: RecordKind,
  text: string,
  depth: number,
  accept: (meta: DocMeta) => boolean,
  filter: VectorFilter,
): Promise<Candidate[]> {
  const lexical = deps.engine.search(kind, text, depth, accept);
  const byId = new Map<string, Candidate>(
    lexical.map((h) => [h.meta.recordId, { meta: h.meta, signals: { lexical: h.lexical } }]),
  );
  if (!deps.dense) return [...byId.values()];
  const [vector] = await deps.dense.embedder.embed([text]);
  if (!vector) return [...byId.values()];
  for (const hit of await deps.dense.index.search({ vector, k: depth, filter })) {
    const meta = deps.engine.get(kind, hit.id);
    // The engine has the final word on visibility: a vector ahead of its document is not shown.
    if (!meta || !accept(meta)) continue;
    const known = byId.get(hit.id);
    byId.set(hit.id, { meta, signals: { lexical: known?.signals.lexical ?? 0, dense: hit.score } });
  }
  return [...byId.values()];
}
