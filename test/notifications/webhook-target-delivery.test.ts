import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Deps } from '../../matching/core/deps.ts';
import { createWebhook } from '../../matching/notifications/create-webhook.ts';
import type { DeliveryOptions } from '../../matching/notifications/deliver-webhook.ts';
import { processNotify } from '../../matching/notifications/process-notify.ts';
import type { ResolveHost } from '../../matching/notifications/webhook-target.ts';
import { webhookTargetPolicy } from '../../matching/notifications/webhook-target-policy.ts';
import { webhookDeliveries, webhooks } from '../../schema/notifications.ts';
import { makePersona, type Persona } from '../support/factories.ts';
import { openTestDb } from '../support/test-db.ts';
import { testDeps } from '../support/test-deps.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';
import { makePair, recordEvent } from './pair-factory.ts';

/**
 * Delivery re-checks the target after resolving it, and connects only to what it checked. Names ending in
 * `.test` exist only in the resolver these tests inject (the system resolver cannot find them), so a delivery
 * that reaches the receiver through one proves the connection used the vetted address.
 */
const names: Record<string, string> = { 'receiver.test': '127.0.0.1', 'other.test': '127.0.0.2' };
const resolve: ResolveHost = async (host) => {
  const address = names[host];
  if (!address) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
  return [{ address, family: 4 }];
};
const options: DeliveryOptions = { timeoutMs: 2_000, attemptsPerRun: 3, maxAttempts: 10, backoffMs: 5, resolve };

describe('webhook delivery to inward targets', () => {
  let drop: () => Promise<void>;
  let strict: Deps;
  let onPremises: Deps;
  let receiver: WebhookReceiver;
  const logLines: string[] = [];
  let ent: Persona;
  let inst: Persona;
  let mgr: Persona;

  beforeAll(async () => {
    const handle = await openTestDb('pglite');
    drop = handle.drop;
    strict = testDeps(handle.db, { logger: pino({ level: 'debug' }, { write: (l: string) => logLines.push(l) }) });
    onPremises = { ...strict, webhookPolicy: webhookTargetPolicy(['127.0.0.1', 'receiver.test']) };
    receiver = await startWebhookReceiver();
  });
  beforeEach(async () => {
    // Fresh parties per test, so each sees only the webhooks it registers.
    [ent, inst, mgr] = await Promise.all([
      makePersona(strict, 'enterprise'),
      makePersona(strict, 'institution'),
      makePersona(strict, 'manager'),
    ]);
  });
  afterAll(async () => {
    await receiver?.close();
    await drop?.();
  });

  const port = () => new URL(receiver.url).port;
  const acceptedEvent = async () => {
    const { suggestion } = await makePair(strict, { ent, inst, mgr });
    return recordEvent(strict, suggestion.id, { type: 'accepted', fromStage: 'claimed', toStage: 'accepted' });
  };
  const hitsFor = (eventId: string) => receiver.received.filter((r) => r.headers['x-event-id'] === eventId);
  const deliveryOf = async (eventId: string, webhookId: string) =>
    (
      await strict.db
        .select()
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.dedupeKey, `${eventId}-${webhookId}`))
    )[0];

  it('refuses a name that resolves to loopback, records blocked_target once and gives up', async () => {
    const url = `http://receiver.test:${port()}/hook?token=canary-token`;
    const hook = await createWebhook({ deps: strict, actor: ent, input: { url, events: ['suggestion.accepted'] } });
    const eventId = await acceptedEvent();
    expect(await processNotify(strict, { eventId }, {}, options)).toMatchObject({ delivered: 0, givenUp: 1 });
    expect(await deliveryOf(eventId, hook.id)).toMatchObject({
      attempts: 1,
      lastStatus: null,
      lastError: 'blocked_target',
      deliveredAt: null,
    });
    // A retry of the job does not turn the refusal into a delivery, nor into an endless retry.
    expect(await processNotify(strict, { eventId }, {}, options)).toMatchObject({ delivered: 0, givenUp: 1 });
    expect(hitsFor(eventId)).toHaveLength(0);
    expect(logLines.join('\n')).toContain('blocked_target');
    expect(logLines.join('\n')).not.toContain('canary-token');
  });

  it('refuses loopback URLs stored before registration checked them (address and localhost)', async () => {
    const stored = await strict.db
      .insert(webhooks)
      .values(
        [`http://127.0.0.1:${port()}/hook`, `http://localhost:${port()}/hook`, `http://2130706433:${port()}/hook`].map(
          (url) => ({ orgId: ent.orgId, url, secret: 'whsec_x', events: ['suggestion.accepted'] }),
        ),
      )
      .returning();
    const eventId = await acceptedEvent();
    expect(await processNotify(strict, { eventId }, {}, options)).toMatchObject({ delivered: 0, givenUp: 3 });
    for (const hook of stored)
      expect(await deliveryOf(eventId, hook.id)).toMatchObject({ lastError: 'blocked_target' });
    expect(hitsFor(eventId)).toHaveLength(0);
  });

  it('delivers to allow-listed targets through the vetted address, and still refuses the rest', async () => {
    const events = ['suggestion.accepted'];
    const byAddress = await createWebhook({ deps: onPremises, actor: ent, input: { url: receiver.url, events } });
    const byName = await createWebhook({
      deps: onPremises,
      actor: ent,
      input: { url: `http://receiver.test:${port()}/by-name`, events },
    });
    const other = await createWebhook({
      deps: onPremises,
      actor: ent,
      input: { url: `http://other.test:${port()}/hook`, events },
    });
    const eventId = await acceptedEvent();
    receiver.secret = byAddress.secret;
    const result = await processNotify(onPremises, { eventId }, {}, options);
    expect(result).toMatchObject({ delivered: 2, givenUp: 1 });
    const hits = hitsFor(eventId);
    expect(hits).toHaveLength(2);
    expect(hits.map((h) => h.headers.host).sort()).toEqual([`127.0.0.1:${port()}`, `receiver.test:${port()}`]);
    expect(hits.find((h) => h.headers.host?.startsWith('127.0.0.1'))?.verified).toBe(true);
    expect(hits.every((h) => h.json.eventId === eventId)).toBe(true);
    expect((await deliveryOf(eventId, byName.id))?.deliveredAt).toBeInstanceOf(Date);
    expect(await deliveryOf(eventId, other.id)).toMatchObject({ lastError: 'blocked_target', deliveredAt: null });
  });
});
