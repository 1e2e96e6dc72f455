import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { webhooks } from '../../schema/notifications.ts';
import { isAdmin } from '../core/actor.ts';
import { NotFoundError } from '../core/errors.ts';
import type { WithId } from '../core/verb.ts';
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
  const [row] = await deps.db
    .update(webhooks)
    .set({ disabledAt: sql`coalesce(${webhooks.disabledAt}, ${deps.clock.now().toISOString()}::timestamptz)` })
    .where(eq(webhooks.id, id))
    .returning();
  if (!row) throw new NotFoundError('webhook');
  return toWebhookView(row);
}
