import { describe, expect, it } from 'vitest';
import { makePersona } from '../support/factories.ts';
import { insertNeed, makeChain, makeManager } from '../support/pipeline-factories.ts';
import { checkService } from '../support/services.ts';
import { queueContext } from './queue-context.ts';
import { expectConforms } from './queue-helpers.ts';

const service = await checkService('TEST_DATABASE_URL');

/** GET /v1/needs?matchState=…: admins list needs waiting for a match; an enterprise its own; nobody else. */
describe.skipIf(!service.available)('the needs list filtered by match state (postgres)', () => {
  const ctx = queueContext('postgres', service.url);
  const ids = (body: { items: { id: string }[] }) => body.items.map((n) => n.id).sort();

  it('lists no_match_yet needs to admins (all organisations) and to the owner (its own)', async () => {
    const { deps, call, ent, admin } = ctx;
    const other = await makePersona(deps, 'enterprise');
    const waiting = await insertNeed(deps, ent.orgId, { chainId: null, matchState: 'no_match_yet' });
    const othersWaiting = await insertNeed(deps, other.orgId, { chainId: null, matchState: 'no_match_yet' });
    const matched = await insertNeed(deps, ent.orgId, {
      chainId: null,
      matchState: 'matched',
      matchedAt: new Date(),
    });
    await insertNeed(deps, ent.orgId, { chainId: null });

    const forAdmin = await call('GET', '/v1/needs?matchState=no_match_yet&pageSize=100', { key: admin.key });
    expect(forAdmin.status).toBe(200);
    await expectConforms(call, 'GET /v1/needs', forAdmin);
    expect(ids(forAdmin.body)).toEqual([waiting.id, othersWaiting.id].sort());
    expect(forAdmin.body.items.map((n: { matchState: string }) => n.matchState)).toEqual([
      'no_match_yet',
      'no_match_yet',
    ]);

    const forOwner = await call('GET', '/v1/needs?matchState=no_match_yet', { key: ent.key });
    expect(forOwner.status).toBe(200);
    expect(ids(forOwner.body)).toEqual([waiting.id]);
    const ownMatched = await call('GET', '/v1/needs?matchState=matched', { key: ent.key });
    expect(ids(ownMatched.body)).toEqual([matched.id]);
  });

  it('refuses the filter to anyone else with a 400 naming the field, and an unknown state too', async () => {
    const { deps, call, inst, admin } = ctx;
    const manager = await makeManager(deps, { chains: [await makeChain(deps)] });
    for (const who of [inst, manager]) {
      const res = await call('GET', '/v1/needs?matchState=no_match_yet', { key: who.key });
      expect({ role: who.role, status: res.status, field: res.body.errors?.[0]?.field }).toEqual({
        role: who.role,
        status: 400,
        field: 'matchState',
      });
    }
    const bad = await call('GET', '/v1/needs?matchState=waiting', { key: admin.key });
    expect({ status: bad.status, field: bad.body.errors?.[0]?.field }).toEqual({ status: 400, field: 'matchState' });
  });
});
