import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { webhooks } from '../../schema/notifications.ts';
import { isAdmin } from '../core/actor.ts';
import { NotFoundError } from '../core/errors.ts';
import { userActor } from '../core/event-log.ts';
import type { WithId } from '../core/verb.ts';
import { write } from '../core/write.ts';
import { managesWebhooks } from './webhook-access.ts';
import { toWebhookView, type WebhookView } from './webhook-view.ts';

/**
 * Stops deliveries (pending retries included) but keeps the row, so past deliveries stay explained. Disabling
 * twice is harmless; another organisation's webhook answers 404 like a missing one.
 */
export async function disableWebhook({ deps, actor, id }: WithId): Promise<WebhookView> {
  if (!z.uuid().safeParse(id).success) throw new NotFoundError('webhook');
  const [current] = await deps.db.select().from(webhooks).where(eq(webhooks.id, id)).limit(1);
  const mine = current && managesWebhooks(actor) && (current.orgId === actor.orgId || isAdmin(actor));
  if (!mine) throw new NotFoundError('webhook');
  const now = deps.clock.now();
  const row = await write(deps, async ({ tx, log }) => {
    const [updated] = await tx
      .update(webhooks)
      .set({ disabledAt: sql`coalesce(${webhooks.disabledAt}, ${now.toISOString()}::timestamptz)` })
      .where(eq(webhooks.id, id))
      .returning();
    // Disabling an already disabled webhook changes nothing, so it is no event.
    if (updated && current.disabledAt === null) {
      log({
        actor: userActor(actor),
        subject: { kind: 'webhook', id },
        orgId: updated.orgId,
        type: 'webhook.disabled',
        data: {},
        at: now,
      });
    }
    return updated;
  });
  if (!row) throw new NotFoundError('webhook');
  return toWebhookView(row);
}
