import { describe, expect, it } from 'vitest';
import { LABEL_GRADES, type PairHistory, pairLabel } from '../../matching/learning/outcome-labels.ts';

type Outcome = PairHistory['outcomes'][number];
const o = (kind: string, over: Partial<Outcome> = {}): Outcome => ({
  kind,
  phase: null,
  result: null,
  reasonCode: null,
  ...over,
});
const poc = (phase: number, result: 'passed' | 'failed', reasonCode: Outcome['reasonCode'] = null) => [
  o('poc_started', { phase }),
  o('poc_result', { phase, result, reasonCode }),
];
const pair = (
  stage: PairHistory['stage'],
  outcomes: Outcome[] = [],
  declineReason: PairHistory['declineReason'] = null,
) => pairLabel({ stage, outcomes, declineReason });

describe('graded labels of a pair', () => {
  it('orders the steps: not relevant < other decline < accepted < PoC < pilot < deal < landed', () => {
    const grades = [
      pair('declined', [], 'not_relevant'),
      pair('declined', [], 'capability_gap'),
      pair('contacted'),
      pair('poc', poc(1, 'passed')),
      pair('pilot', [...poc(3, 'passed'), o('pilot_started'), o('pilot_result', { result: 'passed' })]),
      pair('deal', [o('deal')]),
      pair('landed', [o('deal'), o('landed')]),
    ];
    expect(grades).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('has no label for pairs nobody has judged', () => {
    expect([pair('suggested'), pair('routed'), pair('claimed')]).toEqual([null, null, null]);
  });

  it('counts the furthest step cumulatively: a mature result that skipped PoC and landed is a landing', () => {
    expect(pair('landed', [o('deal'), o('landed')])).toBe(LABEL_GRADES.landed);
    expect(pair('landed', [o('incubated')])).toBe(LABEL_GRADES.landed);
  });

  it('tells a technical PoC failure from one for price', () => {
    const technical = pair('failed', poc(1, 'failed', 'technical_infeasible'));
    const price = pair('failed', poc(1, 'failed', 'price_too_high'));
    expect(technical).toBe(LABEL_GRADES.declinedOther);
    expect(price).toBe(LABEL_GRADES.accepted);
    // After passing phase 1, a price failure in phase 3 keeps the PoC pass; a technical one does not.
    expect(pair('failed', [...poc(1, 'passed'), ...poc(3, 'failed', 'market_unproven')])).toBe(LABEL_GRADES.pocPassed);
    expect(pair('failed', [...poc(1, 'passed'), ...poc(2, 'failed', 'performance_below_target')])).toBe(
      LABEL_GRADES.declinedOther,
    );
  });

  it('forgives a technical failure passed on a retry at another centre', () => {
    const retried = [...poc(2, 'failed', 'process_not_scalable'), ...poc(2, 'passed')];
    expect(pair('poc', retried)).toBe(LABEL_GRADES.pocPassed);
  });

  it('does not count a failed or inconclusive run as a pass', () => {
    expect(pair('poc', [o('poc_started', { phase: 1 }), o('poc_result', { phase: 1, result: 'inconclusive' })])).toBe(
      LABEL_GRADES.accepted,
    );
    expect(
      pair('pilot', [o('pilot_started'), o('pilot_result', { result: 'failed', reasonCode: 'commercial_terms' })]),
    ).toBe(LABEL_GRADES.accepted);
  });
});
