import type { suggestionStages } from '../../schema/enums.ts';

export type Stage = (typeof suggestionStages)[number];

/** Stages in which a pair occupies its manager: they count against the manager's capacity when routing. */
export const workingStages = ['routed', 'claimed', 'accepted', 'contacted', 'poc', 'pilot', 'deal'] as const;

/** Accepted and everything after it: what the two parties may see of a pair. */
export const partyStages = ['accepted', 'contacted', 'poc', 'pilot', 'deal', 'landed', 'failed', 'withdrawn'] as const;

/** Stages a manager may set through the stage endpoint (claim and decision have their own). */
export const movableStages = ['contacted', 'poc', 'pilot', 'deal', 'landed', 'failed', 'withdrawn'] as const;
export type MovableStage = (typeof movableStages)[number];

const exits = ['failed', 'withdrawn'] as const;

/**
 * Every legal move. PoC and pilot are optional: not every pair needs a 概念验证 or a 中试 (a mature TRL-8 result
 * may go straight from contact to a deal), but a pair never goes backwards. `failed` and `withdrawn` leave any
 * stage after acceptance. `routed → routed` is the SLA reassignment; it is system-only.
 */
export const transitions: Record<Stage, readonly Stage[]> = {
  suggested: ['routed'],
  routed: ['claimed'],
  claimed: ['accepted', 'declined'],
  accepted: ['contacted', ...exits],
  contacted: ['poc', 'pilot', 'deal', ...exits],
  poc: ['pilot', 'deal', ...exits],
  pilot: ['deal', ...exits],
  deal: ['landed', ...exits],
  landed: [],
  declined: [],
  failed: [],
  withdrawn: [],
};

export const allowedMoves = (from: Stage): readonly Stage[] => transitions[from];
export const canMove = (from: Stage, to: Stage) => transitions[from].includes(to);
