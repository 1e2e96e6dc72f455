import { randomBytes } from 'node:crypto';
import { and, count, eq, isNull } from 'drizzle-orm';
import { webhooks } from '../../schema/notifications.ts';
import { organisations } from '../../schema/organisations.ts';
import { isAdmin } from '../core/actor.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../core/errors.ts';
import { userActor } from '../core/event-log.ts';
import { parseInput } from '../core/validate.ts';
import type { WithInput } from '../core/verb.ts';
import { write } from '../core/write.ts';
import { type CreateWebhookInput, createWebhookInput } from './notification-input.ts';
import { managesWebhooks } from './webhook-access.ts';
import { urlVerdict } from './webhook-target.ts';
import { webhookPolicyOf } from './webhook-target-policy.ts';
import { toWebhookView, type WebhookView } from './webhook-view.ts';

/** Enough for a few receivers per organisation; more is usually a script registering in a loop. */
export const maxActiveWebhooks = 10;

/**
 * Registers a signed webhook for an organisation. The secret is generated here and returned only in this
 * answer (HMAC signing needs it in clear, so it is stored as is, but never listed or logged). Private, loopback
 * and metadata targets are refused here, and again at every delivery once the name is resolved.
 */
export async function createWebhook({
  deps,
  actor,
  input,
}: WithInput<CreateWebhookInput | unknown>): Promise<WebhookView & { secret: string }> {
  const data = parseInput(createWebhookInput, input);
  const reason = urlVerdict(new URL(data.url), webhookPolicyOf(deps));
  if (reason) throw new ValidationError([{ field: 'url', issue: 'blocked_target', params: { reason } }]);
  const orgId = data.orgId ?? actor.orgId;
  if (!managesWebhooks(actor)) throw new ForbiddenError('webhook_parties_only');
  if (orgId !== actor.orgId && !isAdmin(actor)) throw new ForbiddenError('webhook_other_org');
  const [org] = await deps.db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.id, orgId))
    .limit(1);
  if (!org) throw new ValidationError([{ field: 'orgId', issue: 'unknown_organisation' }]);
  const [active] = await deps.db
    .select({ n: count() })
    .from(webhooks)
    .where(and(eq(webhooks.orgId, orgId), isNull(webhooks.disabledAt)));
  if ((active?.n ?? 0) >= maxActiveWebhooks) throw new ConflictError('webhook_limit', { limit: maxActiveWebhooks });
  const secret = `whsec_${randomBytes(32).toString('base64url')}`;
  const now = deps.clock.now();
  const row = await write(deps, async ({ tx, log }) => {
    const [inserted] = await tx
      .insert(webhooks)
      .values({ orgId, url: data.url, secret, events: [...new Set(data.events)], createdAt: now })
      .returning();
    if (!inserted) throw new Error('insert returned no row');
    // The target's host, not the URL (its path or query may hold a token) and never the signing secret.
    log({
      actor: userActor(actor),
      subject: { kind: 'webhook', id: inserted.id },
      orgId,
      type: 'webhook.created',
      data: { host: new URL(inserted.url).host, events: inserted.events },
      at: now,
    });
    return inserted;
  });
  return { ...toWebhookView(row), secret };
}
