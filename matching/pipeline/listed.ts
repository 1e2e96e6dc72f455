import { z } from 'zod';
import type { RecordKind } from '../vectors/vector-index.ts';

/** The payload of per-record jobs (ingest, match): ids only, state is loaded when the job runs. */
export const recordRefPayload = z.object({ kind: z.enum(['need', 'achievement']), id: z.uuid() });

/** Statuses in which a record takes part in matching: open needs, published achievements. */
export const listedStatuses: Record<RecordKind, readonly string[]> = {
  need: ['open', 'matching'],
  achievement: ['published'],
};

export const isListed = (kind: RecordKind, status: string) => listedStatuses[kind].includes(status);
export const otherKind = (kind: RecordKind): RecordKind => (kind === 'need' ? 'achievement' : 'need');
