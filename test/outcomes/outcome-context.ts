import { afterAll, beforeAll, expect } from 'vitest';
import type { Deps } from '../../matching/core/deps.ts';
import { claimAndAccept, route } from '../api/queue-helpers.ts';
import { makePersona, type Persona } from '../support/factories.ts';
import { type Call, startServer } from '../support/http.ts';
import { makeChain, makeManager, makePair } from '../support/pipeline-factories.ts';
import { type Backend, openTestDb } from '../support/test-db.ts';
import { testDeps } from '../support/test-deps.ts';

export type OutcomeCtx = { deps: Deps; call: Call; admin: Persona; ent: Persona; inst: Persona; rival: Persona };

export function outcomeContext(backend: Backend, serverUrl?: string): OutcomeCtx {
  const ctx = {} as OutcomeCtx;
  let close: (() => Promise<void>) | undefined;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const handle = await openTestDb(backend, serverUrl);
    drop = handle.drop;
    ctx.deps = testDeps(handle.db);
    const server = await startServer(ctx.deps);
    ctx.call = server.call;
    close = server.close;
    ctx.admin = await makePersona(ctx.deps, 'admin');
    ctx.ent = await makePersona(ctx.deps, 'enterprise', '湖州长兴某印染有限公司');
    ctx.inst = await makePersona(ctx.deps, 'institution', '浙江某大学');
    ctx.rival = await makePersona(ctx.deps, 'enterprise');
  });
  afterAll(async () => {
    await close?.();
    await drop?.();
  });
  return ctx;
}

/** A pair routed to a new manager, claimed, accepted and contacted through the API. */
export async function contactedPair(ctx: OutcomeCtx, options: Parameters<typeof makePair>[2] = {}) {
  const chain = await makeChain(ctx.deps);
  const manager = await makeManager(ctx.deps, { chains: [chain] });
  const pair = await makePair(ctx.deps, { entOrgId: ctx.ent.orgId, instOrgId: ctx.inst.orgId, chain }, options);
  await route(ctx.deps, pair.suggestion.id);
  await claimAndAccept(ctx.call, manager, pair.suggestion.id);
  const contacted = await ctx.call('POST', `/v1/suggestions/${pair.suggestion.id}/stage`, {
    key: manager.key,
    body: { to: 'contacted' },
  });
  expect(contacted.status).toBe(200);
  return { ...pair, id: pair.suggestion.id, manager };
}

/** Records one outcome and expects `status`; the body back. */
export async function record(ctx: OutcomeCtx, key: string, id: string, body: unknown, status = 201) {
  const res = await ctx.call('POST', `/v1/suggestions/${id}/outcomes`, { key, body });
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}
