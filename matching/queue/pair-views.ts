import type { AchievementRow, AchievementView } from '../achievements/achievement-view.ts';
import type { NeedRow, NeedView } from '../needs/need-view.ts';
import { type Confidentiality, redact } from '../records/visibility.ts';

/**
 * How much of a record one side of a pair sees. Unlike browsing, a pair stays visible after its records stop
 * being listed (an achievement sold in the deal is still the one the enterprise is buying), so the level
 * follows confidentiality only:
 * - `full`: owners, admins, and the manager working the pair (the brief lets the assigned manager see
 *   confidential needs);
 * - `public`: everything except the fields the owner marked private;
 * - `desensitised`: also without who the owner is (organisation, people, for achievements team and patents);
 * - `minimal` (confidential records): only id, chain, status, confidentiality and dates. Even the title is
 *   hidden, because a trade secret's title often names it; the other side learns that *a* confidential
 *   need in that chain is being worked on with its result, and nothing else.
 */
export type PairLevel = 'full' | 'public' | 'desensitised' | 'minimal';

export const levelByConfidentiality = (c: Confidentiality): Exclude<PairLevel, 'full'> =>
  c === 'public' ? 'public' : c === 'desensitised' ? 'desensitised' : 'minimal';

const minimalKeeps = new Set(['id', 'chainId', 'status', 'confidentiality', 'createdAt', 'updatedAt']);
const allBut = (row: object) => Object.keys(row).filter((k) => !minimalKeeps.has(k));

export type PairNeedView = Omit<NeedView, 'title' | 'description'> & {
  title: string | null;
  description: string | null;
};
export type PairAchievementView = Omit<AchievementView, 'title' | 'abstract'> & {
  title: string | null;
  abstract: string | null;
};

export function pairNeedView(row: NeedRow, level: PairLevel): PairNeedView {
  if (level === 'full') return { ...row, redacted: [] };
  if (level === 'minimal') return redact(row, allBut(row));
  // The import key is built from the title and the organisation, so it identifies the owner too.
  const hidden = [...row.privateFields, 'importKey'];
  if (level === 'desensitised') hidden.push('orgId', 'createdBy');
  return redact(row, hidden);
}

export function pairAchievementView(row: AchievementRow, level: PairLevel): PairAchievementView {
  if (level === 'full') return { ...row, redacted: [] };
  if (level === 'minimal') return redact(row, allBut(row));
  const hidden = level === 'desensitised' ? ['orgId', 'createdBy', 'team', 'patents', 'importKey'] : ['importKey'];
  return redact(row, hidden);
}
