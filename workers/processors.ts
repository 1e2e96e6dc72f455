import { processNotify } from '../matching/notifications/process-notify.ts';
import { processIngest } from '../matching/pipeline/ingest-record.ts';
import { processMatch } from '../matching/pipeline/match-record.ts';
import { processReembed } from '../matching/pipeline/reembed-record.ts';
import { processRescore } from '../matching/pipeline/rescore-record.ts';
import { processRerouteNeed } from '../matching/routing/reroute-need.ts';
import { processRoute } from '../matching/routing/route-suggestion.ts';
import { processSlaSweep } from '../matching/routing/sla-sweep.ts';
import { createJobCatalog, type JobCatalog } from './job-catalog.ts';

/** The production processors: domain functions `(deps, payload, meta)` from matching/. */
export function productionCatalog(): JobCatalog {
  return createJobCatalog({
    ingest: processIngest,
    match: processMatch,
    route: processRoute,
    slaSweep: processSlaSweep,
    notify: processNotify,
    rescore: processRescore,
    rerouteNeed: processRerouteNeed,
    reembed: processReembed,
  });
}
