import { eq } from 'drizzle-orm';
import { platforms } from '../../schema/platforms.ts';
import { type FieldIssue, ValidationError } from '../core/errors.ts';
import type { DbOrTransaction } from '../core/event-log.ts';
import type { OutcomeInput } from './outcome-input.ts';

/**
 * What zod alone cannot say about an outcome, each naming its field: a reason for every result that is not a
 * pass (and none for a pass), ending the pair only on a failure, a trial period exactly for 先用后转, and a run
 * at a platform of the right kind that serves the phase.
 */
export async function assertOutcomeFields(db: DbOrTransaction, input: OutcomeInput): Promise<void> {
  const issues: FieldIssue[] = [];
  if (input.kind === 'poc_result' || input.kind === 'pilot_result') {
    if (input.result !== 'passed' && !input.reasonCode) issues.push({ field: 'reasonCode', issue: 'required' });
    if (input.result === 'passed' && input.reasonCode) issues.push({ field: 'reasonCode', issue: 'not_for_passed' });
    if (input.endsPair && input.result !== 'failed') issues.push({ field: 'endsPair', issue: 'only_when_failed' });
  }
  if (input.kind === 'deal') {
    const trial = input.mode === 'use_first_pay_later';
    if (trial && input.trialMonths === undefined) issues.push({ field: 'trialMonths', issue: 'required' });
    if (!trial && input.trialMonths !== undefined) {
      issues.push({ field: 'trialMonths', issue: 'only_for_use_first_pay_later' });
    }
  }
  if (input.kind === 'poc_started' || input.kind === 'pilot_started') {
    issues.push(...(await platformIssues(db, input)));
  }
  if (issues.length > 0) throw new ValidationError(issues);
}

async function platformIssues(
  db: DbOrTransaction,
  input: Extract<OutcomeInput, { kind: 'poc_started' | 'pilot_started' }>,
): Promise<FieldIssue[]> {
  const [platform] = await db.select().from(platforms).where(eq(platforms.orgId, input.platformId)).limit(1);
  if (!platform) return [{ field: 'platformId', issue: 'unknown_platform' }];
  const wanted = input.kind === 'poc_started' ? 'poc_centre' : 'pilot_platform';
  if (platform.kind !== wanted) return [{ field: 'platformId', issue: 'platform_kind', params: { values: wanted } }];
  if (input.kind === 'poc_started' && !platform.pocPhases.includes(input.phase)) {
    return [{ field: 'platformId', issue: 'phase_not_served', params: { values: platform.pocPhases.join(', ') } }];
  }
  return [];
}
