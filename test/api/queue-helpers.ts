import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Deps } from '../../matching/core/deps.ts';
import { processRoute } from '../../matching/routing/route-suggestion.ts';
import { suggestionEvents, suggestions } from '../../schema/suggestions.ts';
import type { Persona } from '../support/factories.ts';
import type { Call } from '../support/http.ts';
import { loadOpenApiValidator, type OpenApiValidator } from '../support/openapi-validator.ts';
import { makePair } from '../support/pipeline-factories.ts';

/** What every queue test needs; filled in by the suite's beforeAll. */
export type QueueCtx = { deps: Deps; call: Call; ent: Persona; inst: Persona; admin: Persona };

const meta = { jobId: 'test', attempt: 1 };

/** Runs the route job's processor for one pair, as a worker would; its one outcome. */
export const route = async (deps: Deps, suggestionId: string) => {
  const [outcome] = await processRoute(deps, { suggestionId }, meta);
  if (!outcome) throw new Error('route job gave no outcome');
  return outcome;
};

/** `n` pairs already being worked by `manager`, so routing sees a load. */
export async function giveLoad(ctx: QueueCtx, manager: Persona, chain: string, n: number) {
  for (let i = 0; i < n; i++) {
    const { suggestion } = await makePair(ctx.deps, { entOrgId: ctx.ent.orgId, instOrgId: ctx.inst.orgId, chain });
    await ctx.deps.db
      .update(suggestions)
      .set({ managerId: manager.userId, stage: 'accepted' })
      .where(eq(suggestions.id, suggestion.id));
  }
}

export async function rowOf(deps: Deps, id: string) {
  const [row] = await deps.db.select().from(suggestions).where(eq(suggestions.id, id));
  if (!row) throw new Error(`no suggestion ${id}`);
  return row;
}

export const eventsOf = (deps: Deps, id: string) =>
  deps.db
    .select()
    .from(suggestionEvents)
    .where(eq(suggestionEvents.suggestionId, id))
    .orderBy(asc(suggestionEvents.at));

/** Claim and accept through the API, as the manager would. */
export async function claimAndAccept(call: Call, manager: Persona, id: string) {
  expect((await call('POST', `/v1/suggestions/${id}/claim`, { key: manager.key })).status).toBe(200);
  const accepted = await call('POST', `/v1/suggestions/${id}/decision`, {
    key: manager.key,
    body: { decision: 'accept' },
  });
  expect(accepted.status).toBe(200);
  return accepted.body;
}

let validator: OpenApiValidator | undefined;

/**
 * The response matches what /openapi.json promises for it (nullable fields included: reduced views are where
 * a schema and the data most easily drift apart). Objects are not closed: full views carry extra columns.
 */
export async function expectConforms(call: Call, template: string, res: { status: number; body: unknown }) {
  if (!validator) {
    const path = join(tmpdir(), `queue-openapi-${process.pid}.json`);
    writeFileSync(path, JSON.stringify((await call('GET', '/openapi.json')).body));
    validator = loadOpenApiValidator(path, { strictObjects: false });
  }
  const [method = 'GET', route = template] = template.split(' ');
  expect(validator.checkResponse(route, method, res.status, res.body)).toEqual([]);
}
