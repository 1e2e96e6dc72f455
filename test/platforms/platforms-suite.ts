import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../matching/core/deps.ts';
import { events } from '../../schema/events.ts';
import { makePersona, type Persona } from '../support/factories.ts';
import { type Call, startServer } from '../support/http.ts';
import { type Backend, openTestDb } from '../support/test-db.ts';
import { testDeps } from '../support/test-deps.ts';
import { pilotPlatformBody, platformUser, pocCentreBody, registerPlatform } from './platform-helpers.ts';

/** PoC centres and pilot platforms over real HTTP: registered by admins, kept up by their own people. */
export function platformsSuite(backend: Backend, serverUrl?: string) {
  describe(`platforms on ${backend}`, () => {
    let deps: Deps;
    let call: Call;
    let admin: Persona;
    let ent: Persona;
    let close: (() => Promise<void>) | undefined;
    let drop: (() => Promise<void>) | undefined;
    beforeAll(async () => {
      const handle = await openTestDb(backend, serverUrl);
      drop = handle.drop;
      deps = testDeps(handle.db);
      ({ call, close } = await startServer(deps));
      admin = await makePersona(deps, 'admin');
      ent = await makePersona(deps, 'enterprise');
    });
    afterAll(async () => {
      await close?.();
      await drop?.();
    });

    it('registers a PoC centre and a pilot platform as organisations with a catalogue, each write in the log', async () => {
      const poc = await registerPlatform(call, admin, pocCentreBody({ name: '湖州市新材料概念验证中心' }));
      expect(poc).toMatchObject({
        kind: 'poc_centre',
        pocType: 'specialised',
        pocPhases: [1, 2, 3],
        district: '吴兴区',
      });
      const pilot = await registerPlatform(call, admin, pilotPlatformBody());
      expect(pilot).toMatchObject({ kind: 'pilot_platform', processes: ['膜分离', '催化氧化'], pocType: null });

      const orgs = await call('GET', '/v1/organisations?kind=poc_centre', { key: admin.key });
      expect(orgs.body.items.map((o: { id: string }) => o.id)).toContain(poc.id);
      const logged = await deps.db
        .select({ type: events.type, data: events.data })
        .from(events)
        .where(and(eq(events.subjectKind, 'organisation'), eq(events.subjectId, poc.id)))
        .orderBy(asc(events.seq));
      expect(logged.map((e) => e.type)).toEqual(['organisation.created', 'platform.registered']);
      expect(logged[1]?.data).toMatchObject({ kind: 'poc_centre', level: 'municipal', pocPhases: [1, 2, 3] });
    });

    it('is listable and filterable by kind, level, chain, phase and field; readable by anyone signed in', async () => {
      const national = await registerPlatform(
        call,
        admin,
        pocCentreBody({ level: 'national', pocType: 'comprehensive', fields: [], chains: [], pocPhases: [3] }),
      );
      const byPhase3 = await call('GET', '/v1/platforms?kind=poc_centre&phase=3&pageSize=100', { key: ent.key });
      expect(byPhase3.status).toBe(200);
      const ids3 = byPhase3.body.items.map((p: { id: string }) => p.id);
      expect(ids3[0]).toBe(national.id);
      const phase1 = await call('GET', '/v1/platforms?phase=1&pageSize=100', { key: ent.key });
      expect(phase1.body.items.map((p: { id: string }) => p.id)).not.toContain(national.id);
      const national2 = await call('GET', '/v1/platforms?level=national', { key: ent.key });
      expect(national2.body).toMatchObject({ total: 1, items: [{ id: national.id }] });
      const pilots = await call('GET', '/v1/platforms?kind=pilot_platform&chain=textile&field=环保', { key: ent.key });
      expect(pilots.body.items.length).toBeGreaterThan(0);
      expect(pilots.body.items.every((p: { kind: string }) => p.kind === 'pilot_platform')).toBe(true);
      const one = await call('GET', `/v1/platforms/${national.id}`, { key: ent.key });
      expect(one.body).toMatchObject({ id: national.id, level: 'national', pocType: 'comprehensive' });
      expect((await call('GET', `/v1/platforms/${crypto.randomUUID()}`, { key: ent.key })).status).toBe(404);
      expect((await call('GET', '/v1/platforms?phase=4', { key: ent.key })).status).toBe(400);
      expect((await call('GET', '/v1/platforms')).status).toBe(401);
    });

    it("is changed by admins and the platform's own users, not by others; fields of the other kind are named", async () => {
      const poc = await registerPlatform(call, admin, pocCentreBody());
      const staff = await platformUser(call, admin, poc.id);
      const own = await call('PATCH', `/v1/platforms/${poc.id}`, {
        key: staff.key,
        body: { capacity: 20, pocPhases: [2, 3] },
      });
      expect(own.status, JSON.stringify(own.body)).toBe(200);
      expect(own.body).toMatchObject({ capacity: 20, pocPhases: [2, 3] });
      const byAdmin = await call('PATCH', `/v1/platforms/${poc.id}`, { key: admin.key, body: { level: 'provincial' } });
      expect(byAdmin.body.level).toBe('provincial');
      const other = await call('PATCH', `/v1/platforms/${poc.id}`, { key: ent.key, body: { capacity: 1 } });
      expect(other).toMatchObject({ status: 403, body: { reason: 'platform_staff_only' } });
      const wrongKind = await call('PATCH', `/v1/platforms/${poc.id}`, {
        key: admin.key,
        body: { equipment: ['反应釜'] },
      });
      expect(wrongKind.status).toBe(400);
      expect(wrongKind.body.errors).toEqual([
        expect.objectContaining({ field: 'equipment', code: 'not_for_platform_kind' }),
      ]);
      const [updated] = await deps.db
        .select({ data: events.data })
        .from(events)
        .where(and(eq(events.subjectId, poc.id), eq(events.type, 'platform.updated')))
        .orderBy(asc(events.seq))
        .limit(1);
      expect(updated?.data).toMatchObject({ changed: ['capacity', 'pocPhases'] });
    });

    it('refuses bad catalogues naming the fields, and registration by non-admins', async () => {
      const bad = await call('POST', '/v1/platforms', {
        key: admin.key,
        body: pocCentreBody({ pocPhases: [0, 4], level: 'county', capacity: 0 }),
      });
      expect(bad.status).toBe(400);
      const fields = bad.body.errors.map((e: { field: string }) => e.field).sort();
      expect(fields).toEqual(['capacity', 'level', 'pocPhases.0', 'pocPhases.1']);
      const noFields = await call('POST', '/v1/platforms', { key: admin.key, body: pocCentreBody({ fields: [] }) });
      expect(noFields.body.errors).toEqual([expect.objectContaining({ field: 'fields', code: 'required' })]);
      const chain = await call('POST', '/v1/platforms', {
        key: admin.key,
        body: pilotPlatformBody({ chains: ['nope'] }),
      });
      expect(chain.body.errors).toEqual([expect.objectContaining({ field: 'chains', code: 'unknown_chain' })]);
      expect((await call('POST', '/v1/platforms', { key: ent.key, body: pocCentreBody() })).status).toBe(403);
    });
  });
}
