import type { pairOutcomes } from '../../schema/outcomes.ts';
import { canMove, type Stage } from '../queue/stage-machine.ts';
import type { OutcomeInput } from './outcome-input.ts';

export type OutcomeRow = typeof pairOutcomes.$inferSelect;

/** One thing that may be recorded next: a kind, for PoC its phase, and centres a failed phase may not retry at. */
export type NextOutcome = { kind: OutcomeRow['kind']; phase?: number; notAt?: string[] };

/** The run (PoC phase or pilot) started and not yet given a result, if any: one run at a time per pair. */
export function openRun(history: readonly OutcomeRow[]): OutcomeRow | undefined {
  const closed = new Set(history.map((o) => o.runId).filter(Boolean));
  return history.find((o) => (o.kind === 'poc_started' || o.kind === 'pilot_started') && !closed.has(o.id));
}

const passed = (history: readonly OutcomeRow[], kind: OutcomeRow['kind']) =>
  history.filter((o) => o.kind === kind && o.result === 'passed');

/**
 * The PoC phases that may start now: none passed yet, any phase (a mature result may need only phase 3);
 * otherwise the phase after the highest passed. A phase that failed is retried at another centre.
 */
function nextPocPhases(history: readonly OutcomeRow[]): NextOutcome[] {
  const passedPhases = passed(history, 'poc_result').map((o) => o.phase ?? 0);
  const phases = passedPhases.length === 0 ? [1, 2, 3] : [Math.max(...passedPhases) + 1].filter((p) => p <= 3);
  return phases.map((phase) => {
    const failedAt = history
      .filter((o) => o.kind === 'poc_result' && o.phase === phase && o.result === 'failed')
      .map((o) => o.platformId ?? '');
    return failedAt.length > 0 ? { kind: 'poc_started', phase, notAt: failedAt } : { kind: 'poc_started', phase };
  });
}

/**
 * What may be recorded on a pair now, from its stage and what it has recorded. PoC and pilot stay optional (a
 * contacted pair may go straight to a deal), but once in PoC, a pilot or a deal needs phase 3 passed, and once
 * in pilot, a deal needs a passed pilot. Landings may be recorded more than once (a second production line).
 */
export function nextOutcomes(stage: Stage, history: readonly OutcomeRow[]): NextOutcome[] {
  const run = openRun(history);
  if (run)
    return [run.kind === 'poc_started' ? { kind: 'poc_result', phase: run.phase ?? 1 } : { kind: 'pilot_result' }];
  const phase3 = passed(history, 'poc_result').some((o) => o.phase === 3);
  switch (stage) {
    case 'contacted':
      return [...nextPocPhases(history), { kind: 'pilot_started' }, { kind: 'deal' }];
    case 'poc':
      return [
        ...nextPocPhases(history),
        ...(phase3 ? [{ kind: 'pilot_started' as const }, { kind: 'deal' as const }] : []),
      ];
    case 'pilot':
      return [
        { kind: 'pilot_started' },
        ...(passed(history, 'pilot_result').length > 0 ? [{ kind: 'deal' as const }] : []),
      ];
    case 'deal':
    case 'landed':
      return [{ kind: 'landed' }, { kind: 'incubated' }];
    default:
      return [];
  }
}

export const describeNext = (n: NextOutcome) =>
  `${n.kind}${n.phase ? ` phase ${n.phase}` : ''}${n.notAt ? ' at another centre' : ''}`;

/** The option the input takes, if it is one of them. */
export function matchNext(options: readonly NextOutcome[], input: OutcomeInput): NextOutcome | undefined {
  return options.find(
    (o) =>
      o.kind === input.kind &&
      (o.phase === undefined || ('phase' in input && input.phase === o.phase)) &&
      !(o.notAt && 'platformId' in input && o.notAt.includes(input.platformId)),
  );
}

/** The stage an outcome leaves the pair in: runs and deals move it on, a result that ends the pair fails it. */
export function stageAfter(stage: Stage, input: OutcomeInput): Stage {
  const target: Stage = (() => {
    switch (input.kind) {
      case 'poc_started':
        return 'poc';
      case 'pilot_started':
        return 'pilot';
      case 'poc_result':
      case 'pilot_result':
        return input.result === 'failed' && input.endsPair ? 'failed' : stage;
      case 'deal':
        return 'deal';
      case 'landed':
      case 'incubated':
        return 'landed';
    }
  })();
  if (target !== stage && !canMove(stage, target)) throw new Error(`outcome rules allow ${stage} → ${target}`);
  return target;
}
