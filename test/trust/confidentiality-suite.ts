import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../matching/core/deps.ts';
import { webhookEvents } from '../../matching/notifications/notify-events.ts';
import { processNotify } from '../../matching/notifications/process-notify.ts';
import { webhookTargetPolicy } from '../../matching/notifications/webhook-target-policy.ts';
import { achievements } from '../../schema/achievements.ts';
import { needs } from '../../schema/needs.ts';
import { webhookDeliveries, webhooks } from '../../schema/notifications.ts';
import { suggestionEvents } from '../../schema/suggestions.ts';
import { makePersona, type Persona } from '../support/factories.ts';
import { type Call, startServer } from '../support/http.ts';
import { type Backend, openTestDb } from '../support/test-db.ts';
import { testDeps } from '../support/test-deps.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';
import { canary, makeExplainedPair, userIn } from './trust-factory.ts';

/**
 * Regression tests for the confidentiality defects found by testing (issue 7): each one failed on the code
 * before the disclosure policy (matching/disclosure/) was the one rule behind every view.
 */
export function confidentialitySuite(backend: Backend, serverUrl?: string) {
  describe(`confidentiality on ${backend}`, () => {
    let drop: () => Promise<void>;
    let close: () => Promise<void>;
    let call: Call;
    let deps: Deps;
    let receiver: WebhookReceiver;
    let ent: Persona;
    let inst: Persona;
    let mgr: Persona;
    let chief: Persona;
    let admin: Persona;

    beforeAll(async () => {
      const handle = await openTestDb(backend, serverUrl);
      drop = handle.drop;
      let tick = 0;
      const base = Date.now() - 3600_000;
      deps = testDeps(handle.db, {
        clock: { now: () => new Date(base + ++tick * 1000) },
        webhookPolicy: webhookTargetPolicy(['127.0.0.1']),
      });
      ({ call, close } = await startServer(deps));
      receiver = await startWebhookReceiver();
      [ent, inst, mgr, admin] = await Promise.all([
        makePersona(deps, 'enterprise'),
        makePersona(deps, 'institution'),
        makePersona(deps, 'manager'),
        makePersona(deps, 'admin'),
      ]);
      const agency = await makePersona(deps, 'admin');
      chief = await userIn(deps, agency.orgId, 'manager', { chains: ['textile'], isChief: true });
    });
    afterAll(async () => {
      await receiver?.close();
      await close?.();
      await drop?.();
    });

    /** Accept → contacted as the queue would record it, then the notify jobs. */
    async function progress(suggestionId: string) {
      for (const [type, fromStage, toStage] of [
        ['accepted', 'claimed', 'accepted'],
        ['stage_changed', 'accepted', 'contacted'],
      ] as const) {
        const [event] = await deps.db
          .insert(suggestionEvents)
          .values({ suggestionId, type, fromStage, toStage, actorId: mgr.userId, at: deps.clock.now() })
          .returning();
        if (event) await processNotify(deps, { eventId: event.id });
      }
    }

    it('keeps a confidential need out of the institution’s inbox, mark-read answer and webhook', async () => {
      const secret = canary('need');
      await deps.db
        .insert(webhooks)
        .values({ orgId: inst.orgId, url: receiver.url, secret: 'whsec_test', events: [...webhookEvents] });
      receiver.secret = 'whsec_test';
      const { suggestion } = await makeExplainedPair(
        deps,
        { ent, inst, managerId: mgr.userId },
        { need: { title: `${secret}导尿管涂层`, confidentiality: 'confidential', budgetMin: 123, trlMin: 4 } },
      );
      await progress(suggestion.id);

      const inbox = await call('GET', '/v1/notifications', { key: inst.key });
      expect(inbox.body.total).toBe(2);
      expect(JSON.stringify(inbox.body)).not.toContain(secret);
      const item = inbox.body.items[0];
      expect(item.data.need).toMatchObject({ title: null, trlMin: null, budgetMin: null, organisation: null });
      expect(item.data.message).toContain('一项保密技术需求');
      const read = await call('POST', `/v1/notifications/${item.id}/read`, { key: inst.key });
      expect(read.status).toBe(200);
      expect(JSON.stringify(read.body)).not.toContain(secret);

      const bodies = receiver.received.map((r) => r.body).join('\n');
      expect(receiver.received.length).toBeGreaterThanOrEqual(2);
      expect(bodies).not.toContain(secret);
      const stored = await deps.db.select({ payload: webhookDeliveries.payload }).from(webhookDeliveries);
      expect(JSON.stringify(stored)).not.toContain(secret);

      // The owner and the assigned manager are told in full: the token is really there to leak.
      expect(JSON.stringify((await call('GET', '/v1/notifications', { key: ent.key })).body)).toContain(secret);
      expect(JSON.stringify((await call('GET', '/v1/notifications', { key: mgr.key })).body)).toContain(secret);
    });

    it('keeps a confidential achievement out of the enterprise’s inbox', async () => {
      const secret = canary('ach');
      const { suggestion } = await makeExplainedPair(
        deps,
        { ent, inst, managerId: mgr.userId },
        { achievement: { title: `${secret}亲水涂层`, confidentiality: 'confidential', priceMin: 77 } },
      );
      await progress(suggestion.id);
      const inbox = await call('GET', '/v1/notifications', { key: ent.key });
      const mine = inbox.body.items.filter((n: any) => n.data.suggestionId === suggestion.id);
      expect(mine).toHaveLength(2);
      expect(JSON.stringify(mine)).not.toContain(secret);
      expect(mine[0].data.achievement).toMatchObject({ title: null, trl: null, priceMin: null });
    });

    it('does not let the orgId filter tell who owns a desensitised need or achievement', async () => {
      const a = await makeExplainedPair(
        deps,
        { ent, inst, managerId: mgr.userId },
        { need: { confidentiality: 'desensitised' }, achievement: { confidentiality: 'desensitised' } },
      );
      const byOwner = await call('GET', `/v1/needs?orgId=${ent.orgId}&confidentiality=desensitised`, { key: inst.key });
      expect(byOwner.status).toBe(200);
      expect(byOwner.body.total).toBe(0);
      const all = await call('GET', '/v1/needs?confidentiality=desensitised', { key: inst.key });
      expect(all.body.items.map((n: any) => n.id)).toContain(a.need.id);
      const achByOwner = await call('GET', `/v1/achievements?orgId=${inst.orgId}&confidentiality=desensitised`, {
        key: ent.key,
      });
      expect(achByOwner.body.total).toBe(0);
      // Public records may still be filtered by owner: their owner is on them anyway.
      const pub = await makeExplainedPair(deps, { ent, inst, managerId: mgr.userId }, {});
      const publicByOwner = await call('GET', `/v1/needs?orgId=${ent.orgId}`, { key: inst.key });
      expect(publicByOwner.body.items.map((n: any) => n.id)).toContain(pub.need.id);
      expect(publicByOwner.body.items.every((n: any) => n.confidentiality === 'public')).toBe(true);
    });

    it('never shows the import key to another organisation', async () => {
      const { need, achievement } = await makeExplainedPair(deps, { ent, inst, managerId: mgr.userId }, {});
      await deps.db
        .update(needs)
        .set({ importKey: `nk-${need.id}` })
        .where(eq(needs.id, need.id));
      await deps.db
        .update(achievements)
        .set({ importKey: `ak-${achievement.id}` })
        .where(eq(achievements.id, achievement.id));
      const seenNeed = await call('GET', `/v1/needs/${need.id}`, { key: inst.key });
      expect(seenNeed.status).toBe(200);
      expect(seenNeed.body.importKey ?? null).toBeNull();
      const listed = await call('GET', '/v1/needs?pageSize=100', { key: mgr.key });
      expect(JSON.stringify(listed.body)).not.toContain(`nk-${need.id}`);
      const seenAch = await call('GET', `/v1/achievements/${achievement.id}`, { key: ent.key });
      expect(seenAch.body.importKey ?? null).toBeNull();
      expect((await call('GET', `/v1/needs/${need.id}`, { key: ent.key })).body.importKey).toBe(`nk-${need.id}`);
    });

    it('redacts a chief’s explanation of a pair assigned to someone else by the record’s own rule', async () => {
      const desensitised = await makeExplainedPair(
        deps,
        { ent, inst, managerId: mgr.userId },
        {
          need: { confidentiality: 'desensitised', trlMin: 3, trlMax: 6, privateFields: ['trlMin', 'trlMax'] },
          stage: 'routed',
        },
      );
      const confidential = await makeExplainedPair(
        deps,
        { ent, inst, managerId: mgr.userId },
        { need: { confidentiality: 'confidential' }, stage: 'routed' },
      );
      const queue = await call('GET', '/v1/queue?pageSize=100', { key: chief.key });
      expect(queue.status).toBe(200);
      const byId = new Map(queue.body.items.map((i: any) => [i.id, i]));
      const d: any = byId.get(desensitised.suggestion.id);
      const c: any = byId.get(confidential.suggestion.id);
      expect(d.explanation.summary).not.toContain('TRL 3–6');
      expect(d.explanation.parts.map((p: any) => p.feature)).not.toContain('maturityFit');
      expect(d.explanation.redacted).toBe(true);
      expect(c.explanation.sharedTerms).toEqual([]);
      expect(c.explanation.summary).not.toContain('印染废水');
      expect(c.need.title).toBeNull();
      // The assigned manager works the pair with everything.
      const own = await call('GET', '/v1/queue?pageSize=100', { key: mgr.key });
      const mine: any = own.body.items.find((i: any) => i.id === desensitised.suggestion.id);
      expect(mine.explanation.summary).toContain('TRL 3–6');
    });

    it('does not let another role inside the owning organisation read or edit its records', async () => {
      const { achievement, need } = await makeExplainedPair(
        deps,
        { ent, inst, managerId: mgr.userId },
        { achievement: { confidentiality: 'confidential' }, need: { confidentiality: 'confidential' } },
      );
      const insider = await userIn(deps, inst.orgId, 'manager', { chains: ['textile'] });
      expect((await call('GET', `/v1/achievements/${achievement.id}`, { key: insider.key })).status).toBe(404);
      const patch = await call('PATCH', `/v1/achievements/${achievement.id}`, {
        key: insider.key,
        body: { title: '被篡改的成果' },
      });
      expect(patch.status).toBe(404);
      expect((await call('POST', `/v1/achievements/${achievement.id}/withdraw`, { key: insider.key })).status).toBe(
        404,
      );
      expect((await call('GET', `/v1/achievements/${achievement.id}/pairs`, { key: insider.key })).status).toBe(404);
      // Roles cannot be mixed inside an enterprise (managers and institutions are not created there).
      expect((await call('GET', `/v1/needs/${need.id}`, { key: insider.key })).status).toBe(404);
      // Nor add a webhook, which would receive the institution's copy of every notification.
      const hook = await call('POST', '/v1/webhooks', {
        key: insider.key,
        body: { url: 'https://hooks.example.com/in', events: ['suggestion.accepted'] },
      });
      expect(hook.status).toBe(403);
      expect(hook.body.reason).toBe('webhook_parties_only');
      expect((await call('GET', '/v1/webhooks', { key: insider.key })).status).toBe(403);
      // The institution's own people still can.
      expect((await call('GET', `/v1/achievements/${achievement.id}`, { key: inst.key })).status).toBe(200);
    });

    it('lets the owner disclose a confidential need to this pair’s counterpart, and take it back', async () => {
      const secret = canary('nda');
      const { suggestion } = await makeExplainedPair(
        deps,
        { ent, inst, managerId: mgr.userId },
        { need: { title: `${secret}焊缝跟踪`, confidentiality: 'confidential' } },
      );
      const pairsOf = async () =>
        (await call('GET', `/v1/achievements/${suggestion.achievementId}/pairs`, { key: inst.key })).body.items[0];
      expect((await pairsOf()).need.title).toBeNull();

      const granted = await call('POST', `/v1/suggestions/${suggestion.id}/disclosure`, {
        key: ent.key,
        body: { note: '保密协议已签署' },
      });
      expect(granted.status).toBe(201);
      expect(granted.body).toMatchObject({ side: 'need', suggestionId: suggestion.id, revokedAt: null });
      expect((await call('POST', `/v1/suggestions/${suggestion.id}/disclosure`, { key: ent.key })).status).toBe(200);
      const shown = await pairsOf();
      expect(shown.disclosedToMe).toBe(true);
      expect(shown.need.title).toBe(`${secret}焊缝跟踪`);
      // Public level, not full: the owner's own marks still hold.
      expect(shown.need.importKey ?? null).toBeNull();

      // Notifications written while the grant lives carry the title; no one else's do.
      await progress(suggestion.id);
      const inbox = await call('GET', '/v1/notifications?pageSize=100', { key: inst.key });
      expect(JSON.stringify(inbox.body)).toContain(secret);

      // The counterpart cannot disclose what is not theirs, nor revoke the enterprise's grant.
      const wrongSide = await call('POST', `/v1/suggestions/${suggestion.id}/disclosure`, {
        key: inst.key,
        body: { side: 'need' },
      });
      expect(wrongSide.status).toBe(400);
      expect(wrongSide.body.errors[0].field).toBe('side');
      expect((await call('POST', `/v1/suggestions/${suggestion.id}/disclosure/revoke`, { key: inst.key })).status).toBe(
        404,
      );
      expect((await call('POST', `/v1/suggestions/${suggestion.id}/disclosure`, { key: mgr.key })).status).toBe(404);

      const revoked = await call('POST', `/v1/suggestions/${suggestion.id}/disclosure/revoke`, { key: ent.key });
      expect(revoked.status).toBe(200);
      expect(revoked.body.revokedAt).toBeTruthy();
      expect((await pairsOf()).need.title).toBeNull();
      expect((await call('POST', `/v1/suggestions/${suggestion.id}/disclosure/revoke`, { key: ent.key })).status).toBe(
        404,
      );
      const events = await call('GET', `/v1/suggestions/${suggestion.id}/events`, { key: admin.key });
      expect(events.body.items.map((e: any) => e.type)).toEqual(
        expect.arrayContaining(['disclosure_granted', 'disclosure_revoked']),
      );
    });

    it('allows disclosure only once a pair is accepted', async () => {
      const { suggestion } = await makeExplainedPair(
        deps,
        { ent, inst, managerId: mgr.userId },
        { need: { confidentiality: 'confidential' }, stage: 'routed' },
      );
      const party = await call('POST', `/v1/suggestions/${suggestion.id}/disclosure`, { key: ent.key });
      expect(party.status).toBe(404);
      const missing = await call('POST', `/v1/suggestions/${crypto.randomUUID()}/disclosure`, { key: ent.key });
      expect(party.body.detail).toBe(missing.body.detail);
      const byAdmin = await call('POST', `/v1/suggestions/${suggestion.id}/disclosure`, {
        key: admin.key,
        body: { side: 'need' },
      });
      expect(byAdmin.status).toBe(409);
      expect(byAdmin.body.reason).toBe('pair_not_accepted');
      const noSide = await call('POST', `/v1/suggestions/${suggestion.id}/disclosure`, { key: admin.key });
      expect(noSide.status).toBe(400);
    });
  });
}
