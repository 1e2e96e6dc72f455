import {
  composeSummary,
  EXPLANATION_SENTENCE_SOURCES,
  type Explanation,
  type FieldRef,
  SCORE_LINE_PREFIX,
  SHARED_TERM_SOURCES,
} from '../ranking/explanation.ts';
import { FEATURE_INPUTS } from '../ranking/features.ts';

/** Every record field an explanation may quote or be computed from. */
const EXPLAINED_FIELDS = new Set<string>([
  ...SHARED_TERM_SOURCES,
  ...EXPLANATION_SENTENCE_SOURCES,
  ...Object.values(FEATURE_INPUTS).flat(),
]);

/** What an audience may not see of each side, as policy.ts `hiddenFields` answers it. */
export type HiddenSides = { need: readonly string[]; achievement: readonly string[] };

/**
 * Who reads the copy. Staff (managers, admins) weigh pairs and get the feature bars and the score line; the
 * parties (enterprises, institutions) get the sentences only: a score normalised per query (the best of five
 * poor candidates shows 文本相关度 1.00) tells them nothing true.
 */
export type ExplanationAudience = 'staff' | 'party';

/**
 * An explanation cut down by the same rule as the records it explains: every sentence, shared term and score
 * part that quotes or is computed from a field the audience may not see is left out, and the summary is
 * composed again from what remains. Explanations stored before sentences carried their sources keep only the
 * score parts that pass — never the old summary, which may quote anything. The parties' copy is then cut once
 * more, to the sentences (ExplanationAudience).
 */
export function discloseExplanation(
  explanation: Explanation,
  hidden: HiddenSides,
  audience: ExplanationAudience = 'staff',
): Explanation {
  const cut = cutToHidden(explanation, hidden);
  return audience === 'party' ? forParty(cut) : cut;
}

/** The sentences without score parts; an explanation stored before sentences existed loses its score line. */
function forParty(explanation: Explanation): Explanation {
  const summary = explanation.sentences
    ? composeSummary(explanation.sentences, [], { scores: false })
    : withoutScoreLine(explanation.summary);
  return { ...explanation, summary, parts: [] };
}

/** Old summaries were composeSummary's output: sentences joined by `；`, the score line last, then `。`. */
function withoutScoreLine(summary: string): string {
  const kept = summary
    .replace(/。$/, '')
    .split('；')
    .filter((s) => s.length > 0 && !s.startsWith(SCORE_LINE_PREFIX));
  return kept.length > 0 ? `${kept.join('；')}。` : '';
}

function cutToHidden(explanation: Explanation, hidden: HiddenSides): Explanation {
  const quoted = (side: 'need' | 'achievement') => hidden[side].some((f) => EXPLAINED_FIELDS.has(`${side}.${f}`));
  // Nothing an explanation can draw on is hidden (the import key, say): it is shown as the ranker wrote it.
  if (!quoted('need') && !quoted('achievement')) return explanation;
  const isHidden = (ref: FieldRef | `${'need' | 'achievement'}.${string}`) => {
    const [side, field] = ref.split('.') as ['need' | 'achievement', string];
    return hidden[side].includes(field);
  };
  const visible = (uses: readonly string[]) => !uses.some((u) => isHidden(u as FieldRef));
  const sentences = (explanation.sentences ?? []).filter((s) => visible(s.uses));
  // A feature this version does not know the inputs of is withheld: unknown is not the same as harmless.
  const parts = explanation.parts.filter((p) => {
    const inputs = (FEATURE_INPUTS as Record<string, readonly string[] | undefined>)[p.feature];
    return inputs !== undefined && visible(inputs);
  });
  const sharedTerms = visible(SHARED_TERM_SOURCES) ? explanation.sharedTerms : [];
  const redacted =
    explanation.sentences === undefined ||
    sentences.length < explanation.sentences.length ||
    parts.length < explanation.parts.length ||
    sharedTerms.length < explanation.sharedTerms.length;
  return { summary: composeSummary(sentences, parts), sharedTerms: [...sharedTerms], parts, sentences, redacted };
}
