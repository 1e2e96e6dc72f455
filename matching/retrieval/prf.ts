import type { WeightedQuery } from './bm25.ts';
import { LEXICAL_FIELDS, type LexicalIndex, type LexicalQuery } from './lexical-index.ts';
import type { Scored } from './top-k.ts';

export interface PrfParams {
  /** Feedback documents taken from the first-pass ranking. */
  docs: number;
  /** Expansion terms added to the query. */
  terms: number;
  /** Share of the final query mass given to expansion terms (RM3's λ), below 1. */
  weight: number;
}

/**
 * RM3 pseudo-relevance feedback: a short need shares few terms with the abstract that solves it, but the
 * abstracts ranked first usually describe the same topic in the field's own words. Terms that are frequent
 * in those abstracts, weighted by how strongly each abstract matched, are added to the query.
 *
 * `docTerms(doc)` returns the terms of one feedback document; `docFreq` lets the caller drop terms that
 * are too common in the pool to say anything about the topic.
 */
export function expandQuery(
  query: WeightedQuery,
  feedback: readonly Scored[],
  docTerms: (doc: number) => readonly string[],
  idf: (term: string) => number,
  params: PrfParams,
): WeightedQuery {
  const top = feedback.slice(0, params.docs);
  if (top.length === 0 || params.terms === 0 || params.weight === 0) return query;
  const best = top[0]?.score ?? 0;
  // Scores become document weights via a softmax relative to the best match, so one outlier
  // first-pass score does not hand all the mass to a single document.
  const docWeights = top.map((s) => Math.exp((s.score - best) / Math.max(best * 0.1, 1e-9)));
  const weightSum = docWeights.reduce((a, b) => a + b, 0);
  const relevance = new Map<string, number>();
  for (const [i, hit] of top.entries()) {
    const terms = docTerms(hit.doc);
    if (terms.length === 0) continue;
    const share = (docWeights[i] ?? 0) / weightSum / terms.length;
    for (const t of terms) relevance.set(t, (relevance.get(t) ?? 0) + share);
  }
  const expansion = [...relevance.entries()]
    .map(([term, p]) => ({ term, w: p * idf(term) }))
    .sort((a, b) => b.w - a.w)
    .slice(0, params.terms);
  const expansionMass = expansion.reduce((a, e) => a + e.w, 0);
  let queryMass = 0;
  for (const w of query.values()) queryMass += w;
  if (expansionMass === 0 || queryMass === 0) return query;
  // RM3 mixes (1 − λ)·query + λ·expansion; scaling by queryMass / (1 − λ) keeps the original weights as
  // they were, so the balance between fields scored with separate queries is not disturbed.
  const scale = (queryMass * params.weight) / (1 - params.weight) / expansionMass;
  const expanded: WeightedQuery = new Map(query);
  for (const { term, w } of expansion) expanded.set(term, (expanded.get(term) ?? 0) + w * scale);
  return expanded;
}

/** RM3 applied to every lexical field, each expanded from its own view of the feedback documents. */
export function expandLexicalQuery(
  index: LexicalIndex,
  query: LexicalQuery,
  feedback: readonly Scored[],
  params: PrfParams,
): LexicalQuery {
  const expanded = { ...query };
  for (const name of LEXICAL_FIELDS) {
    const field = index.field(name);
    expanded[name] = expandQuery(
      query[name],
      feedback,
      (doc) => index.terms(doc)?.[name] ?? [],
      (term) => field.idf(term),
      params,
    );
  }
  return expanded;
}
