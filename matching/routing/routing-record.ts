import type { Db } from '../../schema/db.ts';
import { loadCandidates, loadManager } from './candidates.ts';
import { type CandidateReport, type Choice, chooseManager } from './choose-manager.ts';
import type { PairContext } from './pair-context.ts';

/**
 * What is stored in `suggestions.routing`: the latest decision and why, for audit and the admin unrouted list.
 * The full history is in the events, each carrying the decision it made.
 */
export type RoutingRecord = {
  chain: string | null;
  chainFrom: 'need' | 'achievement' | null;
  /** `need_manager`: the need already has its manager, and this pair joins them (no capacity check). */
  how: Choice['how'] | 'no_chain' | 'record_closed' | 'need_manager';
  chosen: string | null;
  candidates: CandidateReport[];
  decidedAt: string;
  reassignedFrom?: string | undefined;
  escalatedTo?: string | null | undefined;
  /**
   * Set when the need's manager could not take this one pair (they work for its institution): the pair went
   * to another manager and the need kept its own.
   */
  needManagerExcluded?: 'conflict_of_interest' | undefined;
};

/** A withdrawn need or achievement is no longer anyone's work: such pairs are not routed. */
const closedNeed = new Set(['withdrawn', 'closed', 'solved']);
export const isPairClosed = (pair: PairContext) =>
  closedNeed.has(pair.needStatus) || pair.achievementStatus !== 'published';

export type RoutingOptions = {
  /** Never these managers (a reassignment excludes the one who let the pair sit). */
  excludeUserIds?: string[] | undefined;
  /** Chiefs' overflow allowance, a share of capacity (see ChoiceRules.chiefOverflow). */
  chiefOverflow: number;
};

/**
 * One manager per need: a pair of a need that has a manager joins them while they are active and free of a
 * conflict with this pair's parties; otherwise the chain's managers are locked and the routing rule applies
 * (choose-manager.ts). The caller holds the need's row lock (lockPair), so the need's manager cannot change.
 */
export async function decideRouting(
  tx: Db,
  pair: PairContext,
  now: Date,
  options: RoutingOptions,
): Promise<RoutingRecord> {
  const base = { chain: pair.chain, chainFrom: pair.chainFrom, decidedAt: now.toISOString() };
  if (isPairClosed(pair)) return { ...base, how: 'record_closed', chosen: null, candidates: [] };
  const excluded = options.excludeUserIds ?? [];
  const joined =
    pair.needManagerId && !excluded.includes(pair.needManagerId)
      ? await loadManager(tx, pair.needManagerId)
      : undefined;
  const conflict = joined ? partyOrgIds(pair).includes(joined.orgId) : false;
  if (joined?.active && !conflict) {
    const report = { userId: joined.userId, load: joined.load, capacity: joined.capacity, isChief: joined.isChief };
    return { ...base, how: 'need_manager', chosen: joined.userId, candidates: [{ ...report, excluded: null }] };
  }
  if (!pair.chain) return { ...base, how: 'no_chain', chosen: null, candidates: [] };
  const candidates = await loadCandidates(tx, pair.chain);
  const rules = { partyOrgIds: partyOrgIds(pair), excludeUserIds: excluded, chiefOverflow: options.chiefOverflow };
  const choice = chooseManager(candidates, rules);
  return { ...base, ...choice, ...(joined?.active && conflict ? { needManagerExcluded: 'conflict_of_interest' } : {}) };
}

export const partyOrgIds = (pair: PairContext) => [pair.needOrgId, pair.achievementOrgId];

/**
 * Whether a routed pair makes its chosen manager the need's manager: yes unless the pair only went elsewhere
 * because the need's (still active) manager has a conflict with this one pair.
 */
export const becomesNeedManager = (routing: RoutingRecord) =>
  routing.chosen !== null && routing.how !== 'need_manager' && routing.needManagerExcluded === undefined;
