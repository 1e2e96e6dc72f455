import { z } from 'zod';
import type { Deps } from '../core/deps.ts';
import { parseInput } from '../core/validate.ts';
import { recordRefPayload } from './listed.ts';
import { matchRecord } from './match-record.ts';

export const rescorePayload = recordRefPayload.extend({ modelVersion: z.string().min(1) });

/**
 * The rescore job: after a ranker version is promoted, re-run the record's matching with it. Pairs still only
 * suggested get the new score, features and explanation; pairs a manager is working keep theirs (their
 * stored values are what the decision was made on); better new pairs are added and routed.
 */
export async function processRescore(deps: Deps, payload: unknown) {
  const { kind, id } = parseInput(rescorePayload, payload);
  return matchRecord({ deps, kind, id });
}
