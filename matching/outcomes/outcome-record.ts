import type { OutcomeInput } from './outcome-input.ts';
import type { OutcomeRow } from './outcome-rules.ts';
import { reasonCategory } from './reason-codes.ts';

/** The kind-specific figures an outcome keeps in `details`. */
export function outcomeDetails(input: OutcomeInput): Record<string, unknown> {
  const { kind: _kind, at: _at, note: _note, ...rest } = input;
  const { phase: _phase, result: _result, reasonCode: _reason, ...details } = rest as Record<string, unknown>;
  delete details.platformId;
  return details;
}

/** When an outcome happened: the given day (midnight in China), else now. */
export const outcomeTime = (at: string | undefined, now: Date) => (at ? new Date(`${at}T00:00:00+08:00`) : now);

/** Fields of `details` the event log keeps: amounts, shares, enums, places — never names, products or notes. */
const loggedDetails = [
  'cost',
  'voucher',
  'endsPair',
  'batchSize',
  'yieldPercent',
  'mode',
  'amount',
  'paymentTerms',
  'trialMonths',
  'managerShare',
  'district',
  'investment',
] as const;

export function outcomeEventData(row: OutcomeRow, fromStage: string, toStage: string): Record<string, unknown> {
  const figures = Object.fromEntries(loggedDetails.filter((k) => k in row.details).map((k) => [k, row.details[k]]));
  return {
    outcomeId: row.id,
    kind: row.kind,
    phase: row.phase,
    platformId: row.platformId,
    runId: row.runId,
    result: row.result,
    reasonCode: row.reasonCode,
    reasonCategory: row.reasonCode ? reasonCategory[row.reasonCode] : null,
    ...figures,
    fromStage,
    toStage,
  };
}
