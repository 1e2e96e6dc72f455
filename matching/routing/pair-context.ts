import { eq } from 'drizzle-orm';
import { achievements } from '../../schema/achievements.ts';
import type { Db } from '../../schema/db.ts';
import { needs } from '../../schema/needs.ts';
import { suggestions } from '../../schema/suggestions.ts';
import type { Stage } from '../queue/stage-machine.ts';

/** What routing needs to know about a pair: where it stands and who its parties are. */
export type PairContext = {
  id: string;
  stage: Stage;
  managerId: string | null;
  routing: unknown;
  routedAt: Date | null;
  claimedAt: Date | null;
  escalatedAt: Date | null;
  needId: string;
  /** The one manager working the need (needs.manager_id); its later pairs join them. */
  needManagerId: string | null;
  needOrgId: string;
  achievementOrgId: string;
  needStatus: string;
  achievementStatus: string;
  /**
   * The need's chain (the owner's or the classifier's, stored on the need) wins: the enterprise's problem
   * decides whose expertise it needs. Only a need with no chain at all borrows its achievement's.
   */
  chain: string | null;
  chainFrom: 'need' | 'achievement' | null;
};

/**
 * Row-locks the pair's need, then the pair, and loads what routing needs. The need comes first so that two
 * jobs routing pairs of one need take turns and pick one manager; every path takes need → pair → managers in
 * that order (the ingest step too: need row, then its pairs), so the locks cannot deadlock.
 */
export async function lockPair(tx: Db, suggestionId: string): Promise<PairContext | undefined> {
  const [ref] = await tx
    .select({ needId: suggestions.needId })
    .from(suggestions)
    .where(eq(suggestions.id, suggestionId));
  if (!ref) return undefined;
  await tx.select({ id: needs.id }).from(needs).where(eq(needs.id, ref.needId)).for('update');
  const [row] = await tx
    .select({
      id: suggestions.id,
      stage: suggestions.stage,
      managerId: suggestions.managerId,
      routing: suggestions.routing,
      routedAt: suggestions.routedAt,
      claimedAt: suggestions.claimedAt,
      escalatedAt: suggestions.escalatedAt,
      needId: needs.id,
      needManagerId: needs.managerId,
      needOrgId: needs.orgId,
      needStatus: needs.status,
      needChain: needs.chainId,
      achievementOrgId: achievements.orgId,
      achievementStatus: achievements.status,
      achievementChain: achievements.chainId,
    })
    .from(suggestions)
    .innerJoin(needs, eq(needs.id, suggestions.needId))
    .innerJoin(achievements, eq(achievements.id, suggestions.achievementId))
    .where(eq(suggestions.id, suggestionId))
    .for('update', { of: suggestions });
  if (!row) return undefined;
  const { needChain, achievementChain, ...rest } = row;
  const chainFrom = needChain ? 'need' : achievementChain ? 'achievement' : null;
  return { ...rest, chain: needChain ?? achievementChain, chainFrom };
}
