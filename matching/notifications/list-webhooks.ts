import { and, count, desc, eq, gt, inArray, isNull, type SQL } from 'drizzle-orm';
import { webhookDeliveries, webhooks } from '../../schema/notifications.ts';
import { isAdmin } from '../core/actor.ts';
import { ForbiddenError } from '../core/errors.ts';
import { type Page, pageOffset } from '../core/pagination.ts';
import { parseInput } from '../core/validate.ts';
import type { WithInput } from '../core/verb.ts';
import { type ListWebhooksInput, listWebhooksInput } from './notification-input.ts';
import { managesWebhooks } from './webhook-access.ts';
import { toWebhookView, type WebhookView } from './webhook-view.ts';

/**
 * An organisation's webhooks (admins: all, or one organisation's), without secrets, each with the number of
 * deliveries still failing, so a broken receiver shows up where its owner looks.
 */
export async function listWebhooks({
  deps,
  actor,
  input,
}: WithInput<ListWebhooksInput | unknown>): Promise<Page<WebhookView>> {
  const query = parseInput(listWebhooksInput, input);
  if (!managesWebhooks(actor)) throw new ForbiddenError('webhook_parties_only');
  let where: SQL | undefined = eq(webhooks.orgId, actor.orgId);
  if (isAdmin(actor)) where = query.orgId ? eq(webhooks.orgId, query.orgId) : undefined;
  const [rows, totals] = await Promise.all([
    deps.db
      .select()
      .from(webhooks)
      .where(where)
      .orderBy(desc(webhooks.createdAt), desc(webhooks.id))
      .limit(query.pageSize)
      .offset(pageOffset(query)),
    deps.db.select({ n: count() }).from(webhooks).where(where),
  ]);
  const failing =
    rows.length === 0
      ? []
      : await deps.db
          .select({ webhookId: webhookDeliveries.webhookId, n: count() })
          .from(webhookDeliveries)
          .where(
            and(
              inArray(
                webhookDeliveries.webhookId,
                rows.map((r) => r.id),
              ),
              isNull(webhookDeliveries.deliveredAt),
              gt(webhookDeliveries.attempts, 0),
            ),
          )
          .groupBy(webhookDeliveries.webhookId);
  const failingBy = new Map(failing.map((f) => [f.webhookId, f.n]));
  return {
    items: rows.map((row) => toWebhookView(row, failingBy.get(row.id) ?? 0)),
    page: query.page,
    pageSize: query.pageSize,
    total: totals[0]?.n ?? 0,
  };
}
