import type { declineReasons } from '../../schema/enums.ts';
import { type OutcomeReason, reasonCategory } from '../outcomes/reason-codes.ts';
import type { Stage } from '../queue/stage-machine.ts';

type DeclineReason = (typeof declineReasons)[number];

/**
 * The graded label of a pair for learning — the one place that says what an outcome teaches (issue 10):
 *
 * | grade | the pair …                                                              |
 * |-------|-------------------------------------------------------------------------|
 * | 0     | was declined as `not_relevant`                                          |
 * | 1     | was declined for another reason (price, capability gap, already solved …), or failed a PoC phase or a pilot for a technical reason and did not pass it on a retry |
 * | 2     | was accepted (contacted, or failed later for a commercial or other reason before passing a PoC) |
 * | 3     | passed a PoC phase                                                     |
 * | 4     | passed a pilot                                                          |
 * | 5     | reached a deal                                                          |
 * | 6     | landed (or was incubated)                                              |
 *
 * The furthest step decides, cumulatively: a landed pair that skipped PoC (a mature result) is a 6. A technical
 * failure says the achievement did not do what the need asked, so it outweighs the steps before it; a commercial
 * failure (price, market, terms) says it did, so the pair keeps the grade of the step it reached. Pairs shown but never acted on have no label: they count only through
 * impressions, corrected for position.
 *
 * Choice: a technical failure sits with the other declines (1), below every accepted pair and above
 * `not_relevant` — the manager judged the pair worth trying, the technology did not deliver — rather than at 0,
 * which would teach the ranker that a pair worth a PoC looked irrelevant.
 */
export const LABEL_GRADES = {
  notRelevant: 0,
  declinedOther: 1,
  accepted: 2,
  pocPassed: 3,
  pilotPassed: 4,
  deal: 5,
  landed: 6,
} as const;
export type LabelGrade = (typeof LABEL_GRADES)[keyof typeof LABEL_GRADES];

type PairOutcome = { kind: string; phase: number | null; result: string | null; reasonCode: OutcomeReason | null };

/** What learning reads of one pair: its stage, its decline, and its outcomes in recording order. */
export type PairHistory = {
  stage: Stage;
  declineReason: DeclineReason | null;
  outcomes: readonly PairOutcome[];
};

const acted: readonly Stage[] = ['accepted', 'contacted', 'poc', 'pilot', 'deal', 'landed', 'failed', 'withdrawn'];

/** The pair's grade, or null when nobody has judged it yet (suggested, routed, claimed). */
export function pairLabel(pair: PairHistory): LabelGrade | null {
  if (pair.stage === 'declined') {
    return pair.declineReason === 'not_relevant' ? LABEL_GRADES.notRelevant : LABEL_GRADES.declinedOther;
  }
  if (!acted.includes(pair.stage)) return null;
  return unredeemedTechnicalFailure(pair.outcomes) ? LABEL_GRADES.declinedOther : furthest(pair);
}

/** A PoC phase or pilot that failed for a technical reason and was not passed on a later retry (at another centre). */
function unredeemedTechnicalFailure(outcomes: readonly PairOutcome[]): boolean {
  return outcomes.some(
    (o, i) =>
      (o.kind === 'poc_result' || o.kind === 'pilot_result') &&
      o.result === 'failed' &&
      o.reasonCode !== null &&
      reasonCategory[o.reasonCode] === 'technical' &&
      !outcomes
        .slice(i + 1)
        .some((later) => later.kind === o.kind && later.phase === o.phase && later.result === 'passed'),
  );
}

function furthest(pair: PairHistory): LabelGrade {
  const kinds = new Set(pair.outcomes.filter((o) => o.result === null || o.result === 'passed').map(kindStep));
  if (pair.stage === 'landed' || kinds.has('landed')) return LABEL_GRADES.landed;
  if (pair.stage === 'deal' || kinds.has('deal')) return LABEL_GRADES.deal;
  if (kinds.has('pilot_passed')) return LABEL_GRADES.pilotPassed;
  if (kinds.has('poc_passed')) return LABEL_GRADES.pocPassed;
  return LABEL_GRADES.accepted;
}

function kindStep(o: PairHistory['outcomes'][number]): string {
  if (o.kind === 'poc_result') return 'poc_passed';
  if (o.kind === 'pilot_result') return 'pilot_passed';
  if (o.kind === 'landed' || o.kind === 'incubated') return 'landed';
  return o.kind;
}
