import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { listJobs, listJobsInput } from '../../matching/admin/list-jobs.ts';
import { outboxStatuses } from '../../schema/enums.ts';
import type { AppEnv } from '../env.ts';
import { bearer, jsonOk, problems } from '../schemas.ts';

const timestamp = z.string().openapi({ format: 'date-time' });
const jobRow = z.object({
  id: z.number().int(),
  job: z.string().openapi({ example: 'ingest' }),
  key: z.string().openapi({ example: 'ingest-need-1b4e28ba-2fa1-11d2-883f-0016d3cca427' }),
  status: z.enum(outboxStatuses),
  attempts: z.number().int(),
  lastError: z.string().nullable().openapi({ description: 'Error class, code and domain message; never data' }),
  createdAt: timestamp,
  availableAt: timestamp,
  dispatchedAt: timestamp.nullable(),
  finishedAt: timestamp.nullable(),
});
const count = z.number().int();
const jobsOverview = z
  .object({
    byJob: z.array(z.object({ job: z.string(), pending: count, dispatched: count, done: count, failed: count })),
    oldestPendingAt: timestamp.nullable().openapi({ description: 'How far behind the relay is' }),
    queue: z
      .object({ runner: z.string(), waiting: count, active: count, delayed: count })
      .nullable()
      .openapi({ description: "The runner's queue depth, when this process has a runner" }),
    recentFailures: z.array(jobRow),
    stuck: z.array(jobRow).openapi({ description: 'Pending past due, or dispatched and not settled' }),
    stuckTotal: count,
  })
  .openapi('JobsOverview');

const route = createRoute({
  method: 'get',
  path: '/v1/admin/jobs',
  operationId: 'listJobs',
  tags: ['admin'],
  summary: '后台任务 Background jobs: counts, failures, stuck work (admin)',
  security: bearer,
  request: { query: listJobsInput },
  responses: { 200: jsonOk(jobsOverview, 'Read-only operations view'), ...problems(400, 401, 403) },
});

export function registerListJobs(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const input = c.req.valid('query');
    const overview = await listJobs({ deps: c.get('deps'), actor: c.get('actor'), input });
    return c.json(overview, 200);
  });
}
