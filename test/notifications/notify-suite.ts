import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../matching/admin/create-user.ts';
import type { Deps } from '../../matching/core/deps.ts';
import { createWebhook } from '../../matching/notifications/create-webhook.ts';
import type { DeliveryOptions } from '../../matching/notifications/deliver-webhook.ts';
import { disableWebhook } from '../../matching/notifications/disable-webhook.ts';
import { listWebhooks } from '../../matching/notifications/list-webhooks.ts';
import { processNotify, WebhookDeliveryError } from '../../matching/notifications/process-notify.ts';
import { webhookTargetPolicy } from '../../matching/notifications/webhook-target-policy.ts';
import { notifications, webhookDeliveries } from '../../schema/notifications.ts';
import { makePersona, type Persona } from '../support/factories.ts';
import { type Backend, openTestDb } from '../support/test-db.ts';
import { testDeps } from '../support/test-deps.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';
import { makePair, type Parties, recordEvent } from './pair-factory.ts';

const fast: DeliveryOptions = { timeoutMs: 2_000, attemptsPerRun: 3, maxAttempts: 10, backoffMs: 5 };

/** The notify processor against a real database and real HTTP receivers on 127.0.0.1. */
export function notifySuite(backend: Backend, serverUrl?: string) {
  describe(`notify processor on ${backend}`, () => {
    let drop: () => Promise<void>;
    let deps: Deps;
    const logLines: string[] = [];
    let parties: Parties;
    let ent2: string;
    let rival: Persona;
    let entHook: WebhookReceiver;
    let instHook: WebhookReceiver;
    let entHookId: string;
    const canaryOrg = `金丝雀化工${crypto.randomUUID().slice(0, 6)}有限公司`;

    beforeAll(async () => {
      const handle = await openTestDb(backend, serverUrl);
      drop = handle.drop;
      const pino = (await import('pino')).default;
      deps = testDeps(handle.db, {
        logger: pino({ level: 'debug' }, { write: (l: string) => logLines.push(l) }),
        // The receivers listen on loopback, which webhooks may reach only when allow-listed.
        webhookPolicy: webhookTargetPolicy(['127.0.0.1']),
      });
      const [ent, inst, mgr] = await Promise.all([
        makePersona(deps, 'enterprise', canaryOrg),
        makePersona(deps, 'institution', '浙江某大学'),
        makePersona(deps, 'manager'),
      ]);
      parties = { ent, inst, mgr };
      rival = await makePersona(deps, 'enterprise');
      ent2 = (
        await createUser({ deps, actor: 'system', input: { orgId: ent.orgId, name: '二号', role: 'enterprise' } })
      ).id;
      [entHook, instHook] = await Promise.all([startWebhookReceiver(), startWebhookReceiver()]);
      const events = ['suggestion.accepted', 'suggestion.stage_changed'];
      const e = await createWebhook({ deps, actor: ent, input: { url: entHook.url, events } });
      const i = await createWebhook({ deps, actor: inst, input: { url: instHook.url, events: [events[0]] } });
      entHook.secret = e.secret;
      instHook.secret = i.secret;
      entHookId = e.id;
    });
    afterAll(async () => {
      await entHook?.close();
      await instHook?.close();
      await drop?.();
    });

    const inboxOf = (eventId: string) =>
      deps.db
        .select()
        .from(notifications)
        .then((rows) => rows.filter((r) => r.dedupeKey.startsWith(eventId)));
    const hitsFor = (receiver: WebhookReceiver, eventId: string) =>
      receiver.received.filter((r) => r.headers['x-event-id'] === eventId);
    const accepted = async (over?: Parameters<typeof makePair>[2]) => {
      const pair = await makePair(deps, parties, over);
      const eventId = await recordEvent(deps, pair.suggestion.id, {
        type: 'accepted',
        fromStage: 'claimed',
        toStage: 'accepted',
        actorId: parties.mgr.userId,
      });
      return { ...pair, eventId };
    };

    it('tells both parties and the manager once, with signed webhooks, however often the job runs', async () => {
      const { eventId } = await accepted();
      const first = await processNotify(deps, { eventId }, {}, fast);
      expect(first).toMatchObject({ type: 'suggestion.accepted', notified: 4, delivered: 2 });
      const again = await processNotify(deps, { eventId }, {}, fast);
      expect(again).toMatchObject({ notified: 0, delivered: 0 });

      const inbox = await inboxOf(eventId);
      expect(inbox.map((n) => n.userId).sort()).toEqual(
        [parties.ent.userId, ent2, parties.inst.userId, parties.mgr.userId].sort(),
      );
      expect(inbox.map((n) => n.userId)).not.toContain(rival.userId);
      for (const receiver of [entHook, instHook]) {
        const hits = hitsFor(receiver, eventId);
        expect(hits).toHaveLength(1);
        expect(hits[0]?.verified).toBe(true);
        expect(hits[0]?.json).toMatchObject({ type: 'suggestion.accepted', eventId, data: { stage: 'accepted' } });
        expect(hits[0]?.headers['x-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
      }
    });

    it('desensitises the need for the institution (canary) and the achievement for the enterprise', async () => {
      const { eventId, need } = await accepted({
        need: {
          confidentiality: 'desensitised',
          privateFields: ['budgetMin', 'budgetMax'],
          budgetMin: 4321.25,
          budgetMax: 8765.75,
        },
        achievement: { confidentiality: 'desensitised' },
      });
      await processNotify(deps, { eventId }, {}, fast);
      const inbox = await inboxOf(eventId);
      const instCopy = JSON.stringify([
        inbox.find((n) => n.userId === parties.inst.userId)?.data,
        hitsFor(instHook, eventId)[0]?.body,
      ]);
      for (const secret of [canaryOrg, parties.ent.orgId, parties.ent.userId, '4321.25', '8765.75']) {
        expect(instCopy).not.toContain(secret);
      }
      expect(instCopy).toContain(need.title);
      const instData = inbox.find((n) => n.userId === parties.inst.userId)?.data as any;
      expect(instData.need).toMatchObject({ organisation: null, budgetMin: null, budgetMax: null });
      expect(instData.need.redacted).toEqual(expect.arrayContaining(['orgId', 'budgetMin', 'budgetMax']));

      // The canary is real: the enterprise's own copy names it, and the manager's too.
      const entData = inbox.find((n) => n.userId === parties.ent.userId)?.data as any;
      expect(entData.need.organisation.name).toBe(canaryOrg);
      expect(entData.need.budgetMin).toBe(4321.25);
      expect(entData.achievement.organisation).toBeNull();
      expect(JSON.stringify(hitsFor(entHook, eventId)[0]?.json)).toContain(canaryOrg);
      const mgrData = inbox.find((n) => n.userId === parties.mgr.userId)?.data as any;
      expect(mgrData.achievement.organisation.name).toBe('浙江某大学');
      const logs = logLines.join('\n');
      expect(logs).not.toContain(canaryOrg);
      expect(logs).not.toContain(entHook.secret);
    });

    it('retries a failing receiver with backoff, then leaves the rest to the job retry, never delivering twice', async () => {
      const { eventId } = await accepted();
      entHook.failNext(4);
      await expect(processNotify(deps, { eventId }, {}, fast)).rejects.toBeInstanceOf(WebhookDeliveryError);
      const [failing] = await deps.db
        .select()
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.dedupeKey, `${eventId}-${entHookId}`));
      expect(failing).toMatchObject({ attempts: 3, lastStatus: 500, lastError: 'http_500', deliveredAt: null });
      const listed = await listWebhooks({ deps, actor: parties.ent, input: {} });
      expect(listed.items.find((w) => w.id === entHookId)?.failingDeliveries).toBe(1);

      const retry = await processNotify(deps, { eventId }, {}, fast);
      expect(retry).toMatchObject({ notified: 0, delivered: 1 });
      const hits = hitsFor(entHook, eventId);
      expect(hits.map((h) => h.answered)).toEqual([500, 500, 500, 500, 204]);
      expect(new Set(hits.map((h) => h.body)).size).toBe(1);
      expect(hits.every((h) => h.verified)).toBe(true);
      expect(hitsFor(instHook, eventId)).toHaveLength(1);
      expect(await inboxOf(eventId)).toHaveLength(4);
      const [done] = await deps.db
        .select()
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.dedupeKey, `${eventId}-${entHookId}`));
      expect(done).toMatchObject({ attempts: 5, lastStatus: 204, lastError: null });
      expect(done?.deliveredAt).toBeInstanceOf(Date);
    });

    it('gives a delivery up after maxAttempts, so a dead receiver does not retry the job forever', async () => {
      const { eventId } = await accepted();
      entHook.failNext(1000);
      const bounded = { ...fast, attemptsPerRun: 2, maxAttempts: 3 };
      await expect(processNotify(deps, { eventId }, {}, bounded)).rejects.toBeInstanceOf(WebhookDeliveryError);
      expect(await processNotify(deps, { eventId }, {}, bounded)).toMatchObject({ givenUp: 1 });
      expect(await processNotify(deps, { eventId }, {}, bounded)).toMatchObject({ givenUp: 1 });
      expect(hitsFor(entHook, eventId)).toHaveLength(3);
      entHook.failNext(0);
    });

    it('times out a receiver that never answers', async () => {
      const { eventId } = await accepted();
      entHook.hangNext(1);
      const once = { ...fast, attemptsPerRun: 1, timeoutMs: 300 };
      await expect(processNotify(deps, { eventId }, {}, once)).rejects.toBeInstanceOf(WebhookDeliveryError);
      const [row] = await deps.db
        .select()
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.dedupeKey, `${eventId}-${entHookId}`));
      expect(row).toMatchObject({ attempts: 1, lastError: 'timeout', lastStatus: null });
      expect(await processNotify(deps, { eventId }, {}, once)).toMatchObject({ delivered: 1 });
    });

    it('stops attempting when the runner aborts the job (timeout or shutdown), leaving it to a retry', async () => {
      const { eventId } = await accepted();
      const stopped = processNotify(deps, { eventId }, { signal: AbortSignal.abort() }, fast);
      await expect(stopped).rejects.toBeInstanceOf(WebhookDeliveryError);
      expect(hitsFor(entHook, eventId)).toHaveLength(0);
      expect(await inboxOf(eventId)).toHaveLength(4);
      expect(await processNotify(deps, { eventId }, {}, fast)).toMatchObject({ notified: 0, delivered: 2 });
    });

    it('respects subscriptions and disabled webhooks, and stays quiet about internal events', async () => {
      const { suggestion } = await accepted();
      const claimed = await recordEvent(deps, suggestion.id, {
        type: 'claimed',
        fromStage: 'routed',
        toStage: 'claimed',
      });
      expect(await processNotify(deps, { eventId: claimed }, {}, fast)).toMatchObject({ skipped: 'not_notified' });
      expect(await inboxOf(claimed)).toHaveLength(0);

      const moved = await recordEvent(deps, suggestion.id, {
        type: 'stage_changed',
        fromStage: 'accepted',
        toStage: 'poc',
      });
      expect(await processNotify(deps, { eventId: moved }, {}, fast)).toMatchObject({
        type: 'suggestion.stage_changed',
        delivered: 1,
      });
      expect(hitsFor(entHook, moved)).toHaveLength(1);
      expect(hitsFor(instHook, moved)).toHaveLength(0); // subscribed to accepted only
      expect((await inboxOf(moved))[0]?.type).toBe('suggestion.stage_changed');

      await disableWebhook({ deps, actor: parties.ent, id: entHookId });
      const { eventId } = await accepted();
      expect(await processNotify(deps, { eventId }, {}, fast)).toMatchObject({ delivered: 1 });
      expect(hitsFor(entHook, eventId)).toHaveLength(0);
      expect(await processNotify(deps, { eventId: crypto.randomUUID() })).toMatchObject({ skipped: 'event_not_found' });
    });
  });
}
