import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseInput } from '../core/validate.ts';

/** What each annual target counts; the plan file sets the year and the numbers, the code how each is counted. */
export const targetIds = ['needs_solved', 'industrialised', 'verification', 'incubated', 'managers_trained'] as const;
export type TargetId = (typeof targetIds)[number];

const count = z.number().int().min(0).max(10_000_000);
export const targetPlan = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  source: z.string().min(1).max(200),
  targets: z.strictObject(Object.fromEntries(targetIds.map((id) => [id, count])) as Record<TargetId, typeof count>),
  /** The PoC-centre build target ("1620": 1 national, 6 provincial, 20 municipal), counted from the registry. */
  pocCentres: z.strictObject({ national: count, provincial: count, municipal: count }),
});
export type TargetPlan = z.infer<typeof targetPlan>;

/**
 * The plan in force: targets.json beside this file (Huzhou's 2026 plan unless a deployment edits or mounts over
 * it), read and checked once. A broken file fails the first targets request with the field it gets wrong.
 */
let loaded: TargetPlan | undefined;
export function currentTargetPlan(): TargetPlan {
  loaded ??= parseInput(targetPlan, JSON.parse(readFileSync(new URL('./targets.json', import.meta.url), 'utf8')));
  return loaded;
}
