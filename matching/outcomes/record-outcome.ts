import { and, eq } from 'drizzle-orm';
import { pairOutcomes } from '../../schema/outcomes.ts';
import { suggestions } from '../../schema/suggestions.ts';
import { DomainError, ForbiddenError } from '../core/errors.ts';
import { userActor } from '../core/event-log.ts';
import { parseInput } from '../core/validate.ts';
import type { WithIdAndInput } from '../core/verb.ts';
import { write } from '../core/write.ts';
import { recordEvent } from '../queue/record-event.ts';
import type { Stage } from '../queue/stage-machine.ts';
import { recorderAccess } from './outcome-access.ts';
import { assertOutcomeFields } from './outcome-checks.ts';
import { type OutcomeInput, outcomeInput } from './outcome-input.ts';
import { outcomeDetails, outcomeEventData, outcomeTime } from './outcome-record.ts';
import { describeNext, matchNext, type NextOutcome, nextOutcomes, openRun, stageAfter } from './outcome-rules.ts';
import { type OutcomeView, toOutcomeView } from './outcome-view.ts';
import { pairOutcomeRows } from './pair-outcomes.ts';

/** The plan lets the manager take at least 10 % of net licensing proceeds; less is recorded, with a warning. */
export const minimumManagerShare = 10;

export type OutcomeWarning = { code: 'manager_share_below_minimum'; field: 'managerShare'; minimum: number };
export type RecordedOutcome = {
  outcome: OutcomeView;
  stage: Stage;
  allowedOutcomes: string[];
  warnings: OutcomeWarning[];
};

const isResult = (input: OutcomeInput) => input.kind === 'poc_result' || input.kind === 'pilot_result';

/** 409 naming what may be recorded at this point, so a client can correct itself. */
function outcomeNotAllowed(stage: Stage, input: OutcomeInput, options: readonly NextOutcome[]): DomainError {
  const allowed = options.map(describeNext).join(', ') || 'none';
  const kind = 'phase' in input ? `${input.kind} phase ${input.phase}` : input.kind;
  return new DomainError('invalid_transition', `cannot record ${kind} at ${stage}`, {
    reason: 'outcome_not_allowed',
    kind,
    stage,
    allowed,
  });
}

/**
 * Records what happened to an accepted pair — a PoC phase started or its result, a pilot, the deal, a landing —
 * as a row, an `outcome.recorded` event and, where it moves the pair on (outcome-rules.ts), the stage change
 * with its notify job, in one write. The pair row is locked, so two recorders cannot both start a run.
 */
export async function recordOutcome({
  deps,
  actor,
  id,
  input,
}: WithIdAndInput<OutcomeInput | unknown>): Promise<RecordedOutcome> {
  const data = parseInput(outcomeInput, input);
  const access = await recorderAccess(deps, actor, id);
  if (access.audience === 'platform' && !isResult(data)) throw new ForbiddenError('platform_records_own_runs');
  await assertOutcomeFields(deps.db, data);
  const now = deps.clock.now();
  return write(deps, async (scope) => {
    const { tx } = scope;
    const [pair] = await tx.select().from(suggestions).where(eq(suggestions.id, access.row.s.id)).for('update');
    if (!pair) throw new Error('pair vanished under its lock');
    const history = await pairOutcomeRows(tx, pair.id);
    const options = nextOutcomes(pair.stage, history);
    if (!matchNext(options, data)) throw outcomeNotAllowed(pair.stage, data, options);
    const run = isResult(data) ? openRun(history) : undefined;
    if (access.audience === 'platform' && run?.platformId !== actor.orgId) {
      throw new ForbiddenError('platform_records_own_runs');
    }
    const to = stageAfter(pair.stage, data);
    const [row] = await tx
      .insert(pairOutcomes)
      .values({
        suggestionId: pair.id,
        kind: data.kind,
        phase: 'phase' in data ? data.phase : (run?.phase ?? null),
        platformId: 'platformId' in data ? data.platformId : (run?.platformId ?? null),
        runId: run?.id ?? null,
        result: 'result' in data ? data.result : null,
        reasonCode: 'reasonCode' in data ? (data.reasonCode ?? null) : null,
        details: outcomeDetails(data),
        note: data.note ?? null,
        recordedBy: actor.userId,
        at: outcomeTime(data.at, now),
        recordedAt: now,
      })
      .returning();
    if (!row) throw new Error('outcome insert returned no row');
    scope.log({
      actor: userActor(actor),
      subject: { kind: 'suggestion', id: pair.id },
      orgId: null,
      type: 'outcome.recorded',
      data: outcomeEventData(row, pair.stage, to),
      at: now,
    });
    if (to !== pair.stage) {
      await tx
        .update(suggestions)
        .set({ stage: to, updatedAt: now })
        .where(and(eq(suggestions.id, pair.id), eq(suggestions.stage, pair.stage)));
      await recordEvent(scope, {
        suggestionId: pair.id,
        actorId: actor.userId,
        type: 'stage_changed',
        fromStage: pair.stage,
        toStage: to,
        data: { outcomeId: row.id, outcomeKind: row.kind },
        at: now,
        notify: true,
      });
    }
    const share = data.kind === 'deal' ? data.managerShare : undefined;
    return {
      outcome: toOutcomeView(row, access.audience),
      stage: to,
      allowedOutcomes: nextOutcomes(to, [...history, row]).map(describeNext),
      warnings:
        share !== undefined && share < minimumManagerShare
          ? [
              {
                code: 'manager_share_below_minimum' as const,
                field: 'managerShare' as const,
                minimum: minimumManagerShare,
              },
            ]
          : [],
    };
  });
}
