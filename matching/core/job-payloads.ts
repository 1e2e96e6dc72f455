import type { z } from 'zod';
import type { notifyPayload } from '../notifications/notify-events.ts';
import type { ingestPayload } from '../pipeline/ingest-record.ts';
import type { matchPayload } from '../pipeline/match-record.ts';
import type { reembedPayload } from '../pipeline/reembed-record.ts';
import type { rescorePayload } from '../pipeline/rescore-record.ts';
import type { rerouteNeedPayload } from '../routing/reroute-need.ts';
import type { routePayload } from '../routing/route-suggestion.ts';

/**
 * The payload of each job the domain records, from the schema its processor parses it with: the job name
 * decides the payload type where the job is recorded, so a payload the processor would refuse does not compile.
 * workers/job-catalog.ts binds the same schemas to the processors.
 */
export type JobPayloads = {
  ingest: z.input<typeof ingestPayload>;
  match: z.input<typeof matchPayload>;
  route: z.input<typeof routePayload>;
  'reroute-need': z.input<typeof rerouteNeedPayload>;
  notify: z.input<typeof notifyPayload>;
  rescore: z.input<typeof rescorePayload>;
  reembed: z.input<typeof reembedPayload>;
};
export type JobName = keyof JobPayloads;

/** One follow-up job: its name, the key that makes it run once, its payload as its processor reads it. */
export type Work = {
  [K in JobName]: { job: K; key: string; payload: JobPayloads[K]; availableAt?: Date };
}[JobName];
