import { type FeatureVector, NEUTRAL } from './features.ts';
import { FEATURE_LABELS, modeLabel } from './labels.ts';
import type { AchievementProfile, NeedProfile } from './pair-profiles.ts';
import type { ScorePart } from './ranker.ts';
import { type WeakEvidence, weakEvidence } from './shared-evidence.ts';

/** A record field a sentence quotes, as `need.<field>` or `achievement.<field>`. */
export type FieldRef = `need.${string}` | `achievement.${string}`;

/** One sentence of the summary and the record fields it quotes, so a redacted audience gets only the rest. */
export interface ExplanationSentence {
  text: string;
  uses: FieldRef[];
}

export interface Explanation {
  summary: string;
  sharedTerms: string[];
  /** Largest contribution first. */
  parts: ScorePart[];
  /** The summary's sentences before the score sentence (absent on suggestions stored before it existed). */
  sentences?: ExplanationSentence[] | undefined;
  /** True when this copy was cut down for an audience that may not see all of either record. */
  redacted?: boolean | undefined;
}

export interface ExplainInput {
  need: NeedProfile;
  achievement: AchievementProfile;
  features: FeatureVector;
  parts: readonly ScorePart[];
  /** What the records share as words (computePairFeatures' sharedTerms); the evidence sentences are built on it. */
  sharedTerms: readonly string[];
  /** Chain id → display name (the taxonomy's 名称); ids are shown when a name is missing. */
  chainName?: (chainId: string) => string | undefined;
}

const MAIN_PARTS = 3;

/**
 * A Chinese explanation a technology manager can read, built only from what the suggestion stores
 * (features, score parts, shared terms) and the two records' own fields, so it can be rebuilt later.
 */
export function explainPair(input: ExplainInput): Explanation {
  const parts = [...input.parts].sort((a, b) => b.contribution - a.contribution || a.feature.localeCompare(b.feature));
  const candidates: (ExplanationSentence | undefined)[] = [
    { text: evidenceSentence(input), uses: [...SHARED_TERM_SOURCES] },
    said(chainSentence(input), CHAIN_SOURCES),
    said(maturitySentence(input.need, input.achievement), MATURITY_SOURCES),
    said(modeSentence(input.need, input.achievement), MODE_SOURCES),
  ];
  const sentences = candidates.filter((s): s is ExplanationSentence => s !== undefined);
  return { summary: composeSummary(sentences, parts), sharedTerms: [...input.sharedTerms], parts, sentences };
}

/** Shared terms, and how weak they are as evidence, are found in both records' titles, texts and keywords. */
export const SHARED_TERM_SOURCES: readonly FieldRef[] = [
  'need.title',
  'need.description',
  'need.keywords',
  'achievement.title',
  'achievement.abstract',
  'achievement.keywords',
];

const CHAIN_SOURCES: FieldRef[] = ['need.chainId', 'achievement.chainId'];
const MATURITY_SOURCES: FieldRef[] = ['need.trlMin', 'need.trlMax', 'achievement.trl'];
const MODE_SOURCES: FieldRef[] = ['need.cooperationModes', 'achievement.transferModes'];
/** What the chain, maturity and mode sentences quote (also what explanations stored without sources may quote). */
export const EXPLANATION_SENTENCE_SOURCES: readonly FieldRef[] = [
  ...CHAIN_SOURCES,
  ...MATURITY_SOURCES,
  ...MODE_SOURCES,
];

const said = (text: string | undefined, uses: FieldRef[]): ExplanationSentence | undefined =>
  text === undefined ? undefined : { text, uses };

/** How the score line starts, so a copy for the parties can drop it from summaries stored without sentences. */
export const SCORE_LINE_PREFIX = '主要得分：';

/**
 * The summary line: the sentences, then (for staff, the default) the largest score parts, ordered by
 * contribution as `parts` is.
 */
export function composeSummary(
  sentences: readonly ExplanationSentence[],
  parts: readonly ScorePart[],
  options: { scores: boolean } = { scores: true },
): string {
  // A neutral value mostly means the data was missing: it moved no candidate, so it explains nothing.
  const main = options.scores ? parts.filter((p) => p.value !== NEUTRAL).slice(0, MAIN_PARTS) : [];
  const texts = sentences.map((s) => s.text);
  if (main.length > 0) {
    const listed = main.map((p) => `${FEATURE_LABELS[p.feature]} ${p.value.toFixed(2)}（权重 ${p.weight.toFixed(2)}）`);
    texts.push(`${SCORE_LINE_PREFIX}${listed.join('、')}`);
  }
  return texts.length > 0 ? `${texts.join('；')}。` : '';
}

const quoted = (terms: readonly string[]) => terms.map((t) => `「${t}」`).join('');

/**
 * What the two records have in common, in words a party reads: the shared terms when they carry the pair,
 * else a plain warning that they do not, so a pair found on one common word is not presented as well founded.
 */
function evidenceSentence({ need, achievement, sharedTerms }: ExplainInput): string {
  const weak = weakEvidence(need, achievement, sharedTerms);
  return weak ? `匹配依据较弱：${weakDetail(weak, sharedTerms)}，建议人工核实` : `双方都涉及${quoted(sharedTerms)}`;
}

const MAX_MISSING_KEYWORDS = 3;

function weakDetail(weak: WeakEvidence, sharedTerms: readonly string[]): string {
  const near = `仅在${quoted(sharedTerms)}上相近`;
  switch (weak.reason) {
    case 'nothing_shared':
      return '双方没有共同的专业词语';
    case 'keywords_missing':
      return `成果未涉及需求关键词${quoted(weak.keywords.slice(0, MAX_MISSING_KEYWORDS))}，${near}`;
    case 'few_words':
      return near;
  }
}

function chainSentence({ need, achievement, chainName }: ExplainInput): string | undefined {
  const name = (id: string) => `「${chainName?.(id) ?? id}」`;
  if (need.chainId && achievement.chainId) {
    return need.chainId === achievement.chainId
      ? `产业链：同属${name(need.chainId)}`
      : `产业链不同：需求属${name(need.chainId)}，成果属${name(achievement.chainId)}`;
  }
  if (need.chainId) return `需求属${name(need.chainId)}产业链，成果未定产业链`;
  if (achievement.chainId) return `成果属${name(achievement.chainId)}产业链，需求未定产业链`;
  return undefined;
}

export function formatTrlRange(min: number | null, max: number | null): string | undefined {
  if (min !== null && max !== null) return min === max ? `TRL ${min}` : `TRL ${min}–${max}`;
  if (min !== null) return `TRL ${min} 及以上`;
  if (max !== null) return `TRL ${max} 及以下`;
  return undefined;
}

function maturitySentence(need: NeedProfile, achievement: AchievementProfile): string | undefined {
  const range = formatTrlRange(need.trlMin, need.trlMax);
  const { trl } = achievement;
  if (trl === null) return range ? `成果未标注成熟度（需求期望 ${range}）` : undefined;
  if (!range) return `成果成熟度 TRL ${trl}（需求未设期望成熟度）`;
  if (need.trlMin !== null && trl < need.trlMin) return `成果成熟度 TRL ${trl}，低于需求期望 ${range}`;
  if (need.trlMax !== null && trl > need.trlMax) return `成果成熟度 TRL ${trl}，高于需求期望 ${range}`;
  return `成果成熟度 TRL ${trl}，符合需求期望 ${range}`;
}

function modeSentence(need: NeedProfile, achievement: AchievementProfile): string | undefined {
  if (need.cooperationModes.length === 0 || achievement.transferModes.length === 0) return undefined;
  const common = need.cooperationModes.filter((m) => achievement.transferModes.includes(m));
  const list = (modes: readonly string[]) => modes.map(modeLabel).join('、');
  return common.length > 0
    ? `合作方式匹配：双方均接受${list(common)}`
    : `合作方式不一致：需求期望${list(need.cooperationModes)}，成果提供${list(achievement.transferModes)}`;
}
