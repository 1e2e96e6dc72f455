import { z } from 'zod';
import { declineReasons } from '../../schema/enums.ts';
import { pageInput } from '../core/pagination.ts';
import { adminPairFilterFields, pairFilterFields } from './pair-filters.ts';
import { movableStages } from './stage-machine.ts';

/** Without `stage` the queue shows pairs still being worked (routed to deal). */
export const listQueueInput = pageInput.extend(pairFilterFields);

/** Admins list every pair (any stage unless filtered), with the queue's filters and a few of their own. */
export const listSuggestionsInput = pageInput.extend(pairFilterFields).extend(adminPairFilterFields);

const note = z.string().trim().min(1).max(2000);

export const decisionInput = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('accept'), note: note.optional() }),
  z.strictObject({ decision: z.literal('decline'), reason: z.enum(declineReasons), note: note.optional() }),
]);

export const stageMoveInput = z.strictObject({ to: z.enum(movableStages), note: note.optional() });

export type ListQueueInput = z.input<typeof listQueueInput>;
export type ListSuggestionsInput = z.input<typeof listSuggestionsInput>;
export type DecisionInput = z.input<typeof decisionInput>;
export type StageMoveInput = z.input<typeof stageMoveInput>;
