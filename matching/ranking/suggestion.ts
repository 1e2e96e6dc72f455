import type { Explanation } from './explanation.ts';

/** One proposed (need, achievement) pair as stored and shown, whichever side it was matched from. */
export interface Suggestion {
  needId: string;
  achievementId: string;
  score: number;
  /** Calibrated estimate that a manager would accept it, comparable across needs (relevance.ts); the cut-off reads it. */
  relevance: number;
  /** Feature name → value in [0, 1]; stored so the pair can be explained and relearnt. */
  features: Record<string, number>;
  /** The ranker version that scored it, e.g. 'ranker-v1'. */
  modelVersion: string;
  explanation: Explanation;
}
