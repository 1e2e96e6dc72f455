import type { confidentialityLevels } from '../../schema/enums.ts';

export type Confidentiality = (typeof confidentialityLevels)[number];

/**
 * How much of a record one audience sees. The single scale every view, notification, webhook, explanation,
 * export and prompt uses (see policy.ts for what each level keeps):
 * - `full`: the owner organisation's own people, admins, and the manager assigned to a pair;
 * - `public`: everything except the fields the owner marked private and the import key;
 * - `desensitised`: also without who the owner is (organisation, people; for achievements team and patents);
 * - `minimal`: only id, chain, status, confidentiality and dates — a confidential record seen from the other
 *   side of a pair. Even the title is hidden: a trade secret's title often names it.
 */
export type DisclosureLevel = 'full' | 'public' | 'desensitised' | 'minimal';

/** The level a record's confidentiality allows someone who is not entitled to it in full. */
export const levelByConfidentiality = (c: Confidentiality): Exclude<DisclosureLevel, 'full'> =>
  c === 'public' ? 'public' : c === 'desensitised' ? 'desensitised' : 'minimal';

/** The more revealing of two levels (a disclosure grant can only widen what a counterpart sees). */
export function widest(a: DisclosureLevel, b: DisclosureLevel): DisclosureLevel {
  const order: DisclosureLevel[] = ['minimal', 'desensitised', 'public', 'full'];
  return order.indexOf(a) >= order.indexOf(b) ? a : b;
}
