import type { statsNeeds, statsPairs } from '../../schema/stats.ts';

export type PairRow = typeof statsPairs.$inferSelect;
export type NeedRow = typeof statsNeeds.$inferSelect;

/** The time columns of a pair, one per step and lifecycle moment, each set once: the first time it happened. */
export type PairTime =
  | 'routedAt'
  | 'claimedAt'
  | 'decidedAt'
  | 'acceptedAt'
  | 'pocStartedAt'
  | 'pocPassedAt'
  | 'pilotStartedAt'
  | 'pilotPassedAt'
  | 'dealAt'
  | 'landedAt'
  | 'incubatedAt'
  | 'endedAt';

export const firstTime = (row: PairRow, column: PairTime, at: Date) => {
  if (row[column] === null) row[column] = at;
};

export const newPair = (init: {
  pairId: string;
  needId: string;
  achievementId: string;
  institutionId: string | null;
  modelVersion: string | null;
  at: Date;
}): PairRow => ({
  ...init,
  managerId: null,
  platformId: null,
  stage: 'suggested',
  furthest: 0,
  suggestedAt: init.at,
  routedAt: null,
  claimedAt: null,
  decidedAt: null,
  acceptedAt: null,
  pocStartedAt: null,
  pocPassedAt: null,
  pilotStartedAt: null,
  pilotPassedAt: null,
  dealAt: null,
  landedAt: null,
  incubatedAt: null,
  endedAt: null,
  claimBreaches: 0,
  decideBreaches: 0,
});
