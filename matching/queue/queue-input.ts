import { z } from 'zod';
import { declineReasons, suggestionStages } from '../../schema/enums.ts';
import { pageInput } from '../core/pagination.ts';
import { movableStages } from './stage-machine.ts';

export const listQueueInput = pageInput.extend({
  chain: z.string().max(64).optional(),
  /** Without it the queue shows pairs still being worked (routed to deal). */
  stage: z.enum(suggestionStages).optional(),
});

const note = z.string().trim().min(1).max(2000);

export const decisionInput = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('accept'), note: note.optional() }),
  z.strictObject({ decision: z.literal('decline'), reason: z.enum(declineReasons), note: note.optional() }),
]);

export const stageMoveInput = z.strictObject({ to: z.enum(movableStages), note: note.optional() });

export type ListQueueInput = z.input<typeof listQueueInput>;
export type DecisionInput = z.input<typeof decisionInput>;
export type StageMoveInput = z.input<typeof stageMoveInput>;
