import { notifications } from '../../schema/notifications.ts';
import type { Deps } from '../core/deps.ts';
import { parseInput } from '../core/validate.ts';
import { type DeliveryOptions, defaultDeliveryOptions } from './deliver-webhook.ts';
import { loadEventContext } from './event-context.ts';
import { type Audience, type NotificationData, notificationData } from './notification-data.ts';
import { notificationTypeOf, notifyPayload, type WebhookEvent } from './notify-events.ts';
import { recipientsOf } from './recipients.ts';
import { queueDeliveries, runDelivery } from './webhook-deliveries.ts';

export type NotifyResult = {
  type: WebhookEvent | null;
  /** Inbox rows written by this run (0 on a retry that had already written them). */
  notified: number;
  delivered: number;
  givenUp: number;
  skipped?: 'event_not_found' | 'not_notified';
};

/** Thrown so the job retries later; inbox rows and delivered webhooks are not repeated when it does. */
export class WebhookDeliveryError extends Error {
  constructor(readonly pending: number) {
    super(`${pending} webhook deliveries failed; will retry`);
    this.name = 'WebhookDeliveryError';
  }
}

/**
 * The notify job: when a pair is accepted or moves stage, tell the people it concerns (inbox) and the
 * parties' subscribed webhooks. Idempotent by construction: inbox rows and deliveries have deterministic
 * dedupe keys, so running the job again after a crash or a failed delivery only finishes what is missing.
 */
export async function processNotify(
  deps: Deps,
  payload: unknown,
  /** The runner's job meta; its `signal` (timeout or shutdown) stops delivery attempts early. */
  meta?: { signal?: AbortSignal | undefined },
  options: DeliveryOptions = defaultDeliveryOptions,
): Promise<NotifyResult> {
  const { eventId } = parseInput(notifyPayload, payload);
  const ctx = await loadEventContext(deps.db, eventId);
  if (!ctx) {
    deps.logger.warn({ eventId }, 'notify: suggestion event not found');
    return { type: null, notified: 0, delivered: 0, givenUp: 0, skipped: 'event_not_found' };
  }
  const type = notificationTypeOf(ctx.event);
  if (!type) return { type: null, notified: 0, delivered: 0, givenUp: 0, skipped: 'not_notified' };

  const cache = new Map<Audience, NotificationData>();
  const dataFor = (audience: Audience) => {
    const data = cache.get(audience) ?? notificationData(ctx, type, audience);
    cache.set(audience, data);
    return data;
  };
  const recipients = await recipientsOf(deps.db, ctx);
  const written =
    recipients.length === 0
      ? []
      : await deps.db
          .insert(notifications)
          .values(
            recipients.map((r) => ({
              userId: r.userId,
              type,
              dedupeKey: `${eventId}-${r.userId}`,
              data: dataFor(r.audience),
              createdAt: deps.clock.now(),
            })),
          )
          .onConflictDoNothing({ target: notifications.dedupeKey })
          .returning({ id: notifications.id });

  const pending = await queueDeliveries(deps, ctx, type, dataFor);
  const outcomes = await Promise.all(pending.map((p) => runDelivery(deps, p, eventId, options, meta?.signal)));
  const failed = outcomes.filter((o) => o === 'failed').length;
  if (failed > 0) throw new WebhookDeliveryError(failed);
  return {
    type,
    notified: written.length,
    delivered: outcomes.filter((o) => o === 'delivered').length,
    givenUp: outcomes.filter((o) => o === 'given_up').length,
  };
}
