import type { Db } from '../../schema/db.ts';
import { loadCandidates } from './candidates.ts';
import { type CandidateReport, type Choice, chooseManager } from './choose-manager.ts';
import type { PairContext } from './pair-context.ts';

/**
 * What is stored in `suggestions.routing`: the latest decision and why, for audit and the admin unrouted list.
 * The full history is in the events, each carrying the decision it made.
 */
export type RoutingRecord = {
  chain: string | null;
  chainFrom: 'need' | 'achievement' | null;
  how: Choice['how'] | 'no_chain' | 'record_closed';
  chosen: string | null;
  candidates: CandidateReport[];
  decidedAt: string;
  reassignedFrom?: string | undefined;
  escalatedTo?: string | null | undefined;
};

/** A withdrawn need or achievement is no longer anyone's work: such pairs are not routed. */
const closedNeed = new Set(['withdrawn', 'closed', 'solved']);
export const isPairClosed = (pair: PairContext) =>
  closedNeed.has(pair.needStatus) || pair.achievementStatus !== 'published';

/** Locks the chain's managers and applies the routing rule (see choose-manager.ts). */
export async function decideRouting(
  tx: Db,
  pair: PairContext,
  now: Date,
  excludeUserIds: string[] = [],
): Promise<RoutingRecord> {
  const base = { chain: pair.chain, chainFrom: pair.chainFrom, decidedAt: now.toISOString() };
  if (isPairClosed(pair)) return { ...base, how: 'record_closed', chosen: null, candidates: [] };
  if (!pair.chain) return { ...base, how: 'no_chain', chosen: null, candidates: [] };
  const candidates = await loadCandidates(tx, pair.chain);
  const choice = chooseManager(candidates, { partyOrgIds: partyOrgIds(pair), excludeUserIds });
  return { ...base, ...choice };
}

export const partyOrgIds = (pair: PairContext) => [pair.needOrgId, pair.achievementOrgId];
