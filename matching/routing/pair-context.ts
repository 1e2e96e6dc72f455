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
  needOrgId: string;
  achievementOrgId: string;
  needStatus: string;
  achievementStatus: string;
  /** The need's chain wins: the enterprise's problem decides whose expertise it needs. */
  chain: string | null;
  chainFrom: 'need' | 'achievement' | null;
};

/** Loads and row-locks one suggestion (not its parties), so concurrent route and sweep jobs take turns on it. */
export async function lockPair(tx: Db, suggestionId: string): Promise<PairContext | undefined> {
  const [row] = await tx
    .select({
      id: suggestions.id,
      stage: suggestions.stage,
      managerId: suggestions.managerId,
      routing: suggestions.routing,
      routedAt: suggestions.routedAt,
      claimedAt: suggestions.claimedAt,
      escalatedAt: suggestions.escalatedAt,
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
