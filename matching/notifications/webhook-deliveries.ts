import { setTimeout as sleep } from 'node:timers/promises';
import { and, arrayContains, eq, inArray, isNull, sql } from 'drizzle-orm';
import { webhookDeliveries, webhooks } from '../../schema/notifications.ts';
import type { Deps } from '../core/deps.ts';
import { backoffDelay, type DeliveryOptions, postSigned } from './deliver-webhook.ts';
import type { EventContext } from './event-context.ts';
import type { Audience } from './notification-data.ts';
import type { WebhookEvent } from './notify-events.ts';
import { webhookPolicyOf } from './webhook-target-policy.ts';

type Webhook = typeof webhooks.$inferSelect;
type Delivery = typeof webhookDeliveries.$inferSelect;
export type PendingDelivery = { delivery: Delivery; webhook: Webhook };
export type DeliveryOutcome = 'delivered' | 'failed' | 'given_up';

/**
 * One delivery row per subscribed, active webhook of the two parties, keyed `<eventId>-<webhookId>` so a
 * retried job finds the rows it made before (with their attempt counts) instead of making new ones. The
 * payload is frozen at first creation: every attempt sends the same document.
 */
export async function queueDeliveries(
  deps: Deps,
  ctx: EventContext,
  type: WebhookEvent,
  dataFor: (audience: Audience) => unknown,
): Promise<PendingDelivery[]> {
  const hooks = await deps.db
    .select()
    .from(webhooks)
    .where(
      and(
        inArray(webhooks.orgId, [ctx.need.orgId, ctx.achievement.orgId]),
        isNull(webhooks.disabledAt),
        arrayContains(webhooks.events, [type]),
      ),
    );
  if (hooks.length === 0) return [];
  const keyOf = (hook: Webhook) => `${ctx.event.id}-${hook.id}`;
  await deps.db
    .insert(webhookDeliveries)
    .values(
      hooks.map((hook) => ({
        webhookId: hook.id,
        dedupeKey: keyOf(hook),
        event: type,
        payload: dataFor(hook.orgId === ctx.need.orgId ? 'enterprise' : 'institution'),
        createdAt: deps.clock.now(),
      })),
    )
    .onConflictDoNothing({ target: webhookDeliveries.dedupeKey });
  const rows = await deps.db
    .select()
    .from(webhookDeliveries)
    .where(and(inArray(webhookDeliveries.dedupeKey, hooks.map(keyOf)), isNull(webhookDeliveries.deliveredAt)));
  const byId = new Map(hooks.map((hook) => [hook.id, hook]));
  return rows.flatMap((delivery) => {
    const webhook = byId.get(delivery.webhookId);
    return webhook ? [{ delivery, webhook }] : [];
  });
}

/** A few attempts now, with backoff; the job's own retries (with their longer backoff) do the rest. */
export async function runDelivery(
  deps: Deps,
  { delivery, webhook }: PendingDelivery,
  eventId: string,
  options: DeliveryOptions,
  stop?: AbortSignal,
): Promise<DeliveryOutcome> {
  const body = JSON.stringify({
    id: delivery.id,
    type: delivery.event,
    eventId,
    createdAt: delivery.createdAt.toISOString(),
    data: delivery.payload,
  });
  let attempts = delivery.attempts;
  for (let i = 0; i < options.attemptsPerRun && attempts < options.maxAttempts && !stop?.aborted; i++) {
    if (i > 0) await sleep(backoffDelay(i - 1, options.backoffMs), undefined, { signal: stop }).catch(() => {});
    if (stop?.aborted) break;
    const timestampSeconds = Math.floor(deps.clock.now().getTime() / 1000);
    const headers = { 'x-event-id': eventId, 'x-event-type': delivery.event, 'x-delivery-id': delivery.id };
    const result = await postSigned(
      { url: webhook.url, secret: webhook.secret, body, headers, timestampSeconds },
      options.timeoutMs,
      { policy: webhookPolicyOf(deps), resolve: options.resolve },
      stop,
    );
    attempts += 1;
    await deps.db
      .update(webhookDeliveries)
      .set({
        attempts: sql`${webhookDeliveries.attempts} + 1`,
        lastStatus: result.status,
        lastError: result.error,
        ...(result.ok ? { deliveredAt: deps.clock.now() } : {}),
      })
      .where(eq(webhookDeliveries.id, delivery.id));
    if (result.ok) return 'delivered';
    // Ids and a short code only: the URL may carry a token, the body is the parties' business.
    deps.logger.warn(
      { webhookId: webhook.id, deliveryId: delivery.id, attempt: attempts, error: result.error },
      'webhook delivery failed',
    );
    // A refused target stays refused on retry; the row keeps `blocked_target` for its owner to see.
    if (result.blocked) return 'given_up';
  }
  return attempts >= options.maxAttempts ? 'given_up' : 'failed';
}
