import { processNotify } from '../matching/notifications/process-notify.ts';
import { processIngest } from '../matching/pipeline/ingest-record.ts';
import { processMatch } from '../matching/pipeline/match-record.ts';
import { processRoute } from '../matching/routing/route-suggestion.ts';
import { processSlaSweep } from '../matching/routing/sla-sweep.ts';
import { createJobCatalog, type JobCatalog } from './job-catalog.ts';

/**
 * The production processors: domain functions `(deps, payload, meta)` from matching/. rescore and reembed have
 * none yet, so their outbox rows (if any are recorded) wait as pending and show up as stuck in the admin view.
 */
export function productionCatalog(): JobCatalog {
  return createJobCatalog({
    ingest: processIngest,
    match: processMatch,
    route: processRoute,
    slaSweep: processSlaSweep,
    notify: processNotify,
  });
}
