import type { ChainDefinition, ChainGuess, ClassifyText } from './taxonomy.ts';
import { type PreparedTerm, prepareTerm, type TokenSets, termStrength, tokenSets } from './term-match.ts';

export interface ClassifyOptions {
  /** A term in the title counts this many times a term in the body. */
  titleWeight?: number;
  /** The chain's own name is stronger evidence than any one of its keywords. */
  nameWeight?: number;
  /** Below this summed evidence nothing fits: one clear body mention (1) is the least we accept. */
  minEvidence?: number;
  /** Evidence at which confidence reaches 1 − 1/e ≈ 0.63 before the margin factor. */
  evidenceScale?: number;
}

const DEFAULTS: Required<ClassifyOptions> = { titleWeight: 2, nameWeight: 1.5, minEvidence: 0.8, evidenceScale: 2 };

interface PreparedChain {
  id: string;
  terms: { prepared: PreparedTerm; isName: boolean }[];
}

// Taxonomies are loaded once per process and classified against many times; analysing their terms
// (a jieba call each) once per taxonomy array keeps classification to set look-ups.
const preparedTaxonomies = new WeakMap<readonly ChainDefinition[], PreparedChain[]>();

function prepareTaxonomy(taxonomy: readonly ChainDefinition[]): PreparedChain[] {
  const cached = preparedTaxonomies.get(taxonomy);
  if (cached) return cached;
  const chains = taxonomy.map((chain) => ({
    id: chain.id,
    terms: [
      { prepared: prepareTerm(chain.name), isName: true },
      ...[...new Set(chain.keywords)]
        .filter((k) => k !== chain.name)
        .map((k) => ({ prepared: prepareTerm(k), isName: false })),
    ],
  }));
  preparedTaxonomies.set(taxonomy, chains);
  return chains;
}

function fields(text: ClassifyText, titleWeight: number): { tokens: TokenSets; weight: number }[] {
  if (typeof text === 'string') return [{ tokens: tokenSets(text), weight: 1 }];
  const out = [{ tokens: tokenSets(text.analyzed?.title ?? text.title), weight: titleWeight }];
  if (text.body) out.push({ tokens: tokenSets(text.analyzed?.body ?? text.body), weight: 1 });
  return out;
}

interface ChainScore {
  id: string;
  score: number;
  evidence: { term: string; score: number }[];
}

function scoreChain(
  chain: PreparedChain,
  texts: { tokens: TokenSets; weight: number }[],
  nameWeight: number,
): ChainScore {
  const evidence: { term: string; score: number }[] = [];
  for (const { prepared: term, isName } of chain.terms) {
    const weight = isName ? nameWeight : 1;
    let score = 0;
    for (const field of texts) score += field.weight * termStrength(term, field.tokens);
    if (score > 0) evidence.push({ term: term.term, score: score * weight });
  }
  evidence.sort((a, b) => b.score - a.score || (a.term < b.term ? -1 : 1));
  return { id: chain.id, score: evidence.reduce((s, e) => s + e.score, 0), evidence };
}

/**
 * Classifies a need's or achievement's text into one chain of the loaded taxonomy using the chains' names
 * and keywords as seed evidence. Confidence is high only when the evidence is both substantial and clearly
 * ahead of the runner-up: 动力电池热管理 has evidence for 前沿电池 and 新能源汽车 alike, and says so.
 * Returns null when no chain has enough evidence.
 */
export function classifyChain(
  text: ClassifyText,
  taxonomy: readonly ChainDefinition[],
  options: ClassifyOptions = {},
): ChainGuess | null {
  const o = { ...DEFAULTS, ...options };
  const texts = fields(text, o.titleWeight);
  const scored = prepareTaxonomy(taxonomy)
    .map((chain) => scoreChain(chain, texts, o.nameWeight))
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  const [best, second] = scored;
  if (!best || best.score < o.minEvidence) return null;
  const strength = 1 - Math.exp(-best.score / o.evidenceScale);
  const margin = best.score / (best.score + (second?.score ?? 0));
  return {
    chainId: best.id,
    confidence: Math.round(strength * margin * 1000) / 1000,
    evidence: best.evidence.map((e) => e.term),
  };
}
