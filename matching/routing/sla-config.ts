const hour = 60 * 60 * 1000;

/** How long a pair may wait at each step before the SLA sweep acts; injected so tests need not wait. */
export type SlaConfig = {
  /** Routed but not claimed for this long: reassign to another eligible manager. */
  unclaimedAfterMs: number;
  /** Claimed but neither accepted nor declined for this long: escalate to the chain's chief manager. */
  undecidedAfterMs: number;
  /** Pairs handled per kind per sweep; the next sweep takes the rest. */
  batchSize: number;
};

export const defaultSlaConfig: SlaConfig = {
  unclaimedAfterMs: 48 * hour,
  undecidedAfterMs: 7 * 24 * hour,
  batchSize: 200,
};
