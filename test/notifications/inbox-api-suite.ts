import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../matching/core/deps.ts';
import { processNotify } from '../../matching/notifications/process-notify.ts';
import { makePersona, type Persona } from '../support/factories.ts';
import { type Call, startServer } from '../support/http.ts';
import { type Backend, openTestDb } from '../support/test-db.ts';
import { testDeps } from '../support/test-deps.ts';
import { makePair, recordEvent } from './pair-factory.ts';

/** The inbox and webhook endpoints over real HTTP, on each database backend. */
export function inboxApiSuite(backend: Backend, serverUrl?: string) {
  describe(`notifications API on ${backend}`, () => {
    let drop: () => Promise<void>;
    let close: () => Promise<void>;
    let call: Call;
    let deps: Deps;
    let ent: Persona;
    let inst: Persona;
    let mgr: Persona;
    let admin: Persona;
    const events: string[] = [];

    beforeAll(async () => {
      const handle = await openTestDb(backend, serverUrl);
      drop = handle.drop;
      // A clock that ticks a second per reading, so "newest first" is well defined.
      let tick = 0;
      const base = Date.now() - 3600_000;
      deps = testDeps(handle.db, { clock: { now: () => new Date(base + ++tick * 1000) } });
      ({ call, close } = await startServer(deps));
      [ent, inst, mgr, admin] = await Promise.all([
        makePersona(deps, 'enterprise'),
        makePersona(deps, 'institution'),
        makePersona(deps, 'manager'),
        makePersona(deps, 'admin'),
      ]);
      const { suggestion } = await makePair(deps, { ent, inst, mgr });
      events.push(
        await recordEvent(deps, suggestion.id, { type: 'accepted', fromStage: 'claimed', toStage: 'accepted' }),
      );
      events.push(
        await recordEvent(deps, suggestion.id, { type: 'stage_changed', fromStage: 'accepted', toStage: 'poc' }),
      );
      for (const eventId of events) await processNotify(deps, { eventId });
    });
    afterAll(async () => {
      await close?.();
      await drop?.();
    });

    it('lists my notifications newest first, with an unread count, a filter and pages', async () => {
      const all = await call('GET', '/v1/notifications', { key: ent.key });
      expect(all.status).toBe(200);
      expect(all.body).toMatchObject({ total: 2, unread: 2 });
      expect(all.body.items.map((n: any) => n.type)).toEqual(['suggestion.stage_changed', 'suggestion.accepted']);
      expect(all.body.items[0].data).toMatchObject({ eventId: events[1], stage: 'poc', fromStage: 'accepted' });
      expect(all.body.items[0]).not.toHaveProperty('userId');
      const second = await call('GET', '/v1/notifications?pageSize=1&page=2', { key: ent.key });
      expect(second.body.items.map((n: any) => n.data.eventId)).toEqual([events[0]]);
      expect((await call('GET', '/v1/notifications', { key: admin.key })).body.total).toBe(0);
      expect((await call('GET', '/v1/notifications?unread=maybe', { key: ent.key })).status).toBe(400);
      expect((await call('GET', '/v1/notifications')).status).toBe(401);
    });

    it('marks one read for its recipient only; anyone else gets 404', async () => {
      const mine = (await call('GET', '/v1/notifications', { key: inst.key })).body.items[0];
      for (const other of [ent, mgr, admin]) {
        const denied = await call('POST', `/v1/notifications/${mine.id}/read`, { key: other.key });
        expect(denied.status).toBe(404);
        expect(denied.body.code).toBe('not_found');
      }
      expect((await call('POST', '/v1/notifications/not-a-uuid/read', { key: inst.key })).status).toBe(404);
      const read = await call('POST', `/v1/notifications/${mine.id}/read`, { key: inst.key });
      expect(read.status).toBe(200);
      expect(read.body.readAt).toBeTruthy();
      const again = await call('POST', `/v1/notifications/${mine.id}/read`, { key: inst.key });
      expect(again.body.readAt).toBe(read.body.readAt);
      const unread = await call('GET', '/v1/notifications?unread=true', { key: inst.key });
      expect(unread.body).toMatchObject({ total: 1, unread: 1 });
      expect(unread.body.items[0].id).not.toBe(mine.id);
      // Other people's inboxes are untouched.
      expect((await call('GET', '/v1/notifications', { key: ent.key })).body.unread).toBe(2);
    });

    it('marks all of mine read', async () => {
      const done = await call('POST', '/v1/notifications/read-all', { key: mgr.key });
      expect(done.body).toEqual({ updated: 2 });
      expect((await call('POST', '/v1/notifications/read-all', { key: mgr.key })).body).toEqual({ updated: 0 });
      expect((await call('GET', '/v1/notifications?unread=true', { key: mgr.key })).body.items).toHaveLength(0);
      expect((await call('GET', '/v1/notifications', { key: ent.key })).body.unread).toBe(2);
    });

    it('registers a webhook, shows its secret once, and lets only its organisation or an admin disable it', async () => {
      const body = { url: 'https://hooks.example.com/ca?token=t1', events: ['suggestion.accepted'] };
      const created = await call('POST', '/v1/webhooks', { key: ent.key, body });
      expect(created.status).toBe(201);
      expect(created.body.secret).toMatch(/^whsec_[\w-]{40,}$/);
      expect(created.headers.get('cache-control')).toBe('no-store');
      expect(created.body).toMatchObject({ orgId: ent.orgId, events: ['suggestion.accepted'], disabledAt: null });

      const listed = await call('GET', '/v1/webhooks', { key: ent.key });
      expect(listed.body.items.map((w: any) => w.id)).toEqual([created.body.id]);
      expect(JSON.stringify(listed.body)).not.toContain(created.body.secret);
      expect((await call('GET', '/v1/webhooks', { key: inst.key })).body.items).toHaveLength(0);
      const byAdmin = await call('GET', `/v1/webhooks?orgId=${ent.orgId}`, { key: admin.key });
      expect(byAdmin.body.items.map((w: any) => w.id)).toEqual([created.body.id]);
      expect(JSON.stringify(byAdmin.body)).not.toContain(created.body.secret);

      expect((await call('POST', `/v1/webhooks/${created.body.id}/disable`, { key: inst.key })).status).toBe(404);
      const disabled = await call('POST', `/v1/webhooks/${created.body.id}/disable`, { key: ent.key });
      expect(disabled.status).toBe(200);
      expect(disabled.body.disabledAt).toBeTruthy();
      expect(disabled.body).not.toHaveProperty('secret');
      const twice = await call('POST', `/v1/webhooks/${created.body.id}/disable`, { key: admin.key });
      expect(twice.body.disabledAt).toBe(disabled.body.disabledAt);
    });

    it('rejects bad webhook registrations with named fields, and foreign organisations unless admin', async () => {
      const bad = await call('POST', '/v1/webhooks', {
        key: ent.key,
        body: { url: 'ftp://example.com/x', events: ['suggestion.deleted'] },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: any) => e.field)).toEqual(expect.arrayContaining(['url', 'events.0']));
      const empty = await call('POST', '/v1/webhooks', {
        key: ent.key,
        body: { url: 'https://a.example', events: [] },
      });
      expect(empty.body.errors[0].field).toBe('events');
      const good = { url: 'https://inst.example.com/hook', events: ['suggestion.stage_changed'] };
      const foreign = await call('POST', '/v1/webhooks', { key: ent.key, body: { ...good, orgId: inst.orgId } });
      expect(foreign.status).toBe(403);
      const forInst = await call('POST', '/v1/webhooks', { key: admin.key, body: { ...good, orgId: inst.orgId } });
      expect(forInst.status).toBe(201);
      expect(forInst.body.orgId).toBe(inst.orgId);
      const ghost = await call('POST', '/v1/webhooks', {
        key: admin.key,
        body: { ...good, orgId: crypto.randomUUID() },
      });
      expect(ghost.body.errors[0]).toMatchObject({ field: 'orgId', code: 'unknown_organisation' });
    });

    it('documents the endpoints in the OpenAPI document', async () => {
      const doc = (await call('GET', '/openapi.json')).body;
      for (const path of [
        '/v1/notifications',
        '/v1/notifications/{id}/read',
        '/v1/notifications/read-all',
        '/v1/webhooks',
        '/v1/webhooks/{id}/disable',
      ]) {
        expect(doc.paths).toHaveProperty([path]);
      }
      expect(JSON.stringify(doc.components.schemas.CreatedWebhook)).toContain('X-Signature');
    });
  });
}
