import { eq } from 'drizzle-orm';
import { createApiKey } from '../../matching/admin/create-api-key.ts';
import type { Deps } from '../../matching/core/deps.ts';
import { processNotify } from '../../matching/notifications/process-notify.ts';
import { notifications, webhooks } from '../../schema/notifications.ts';
import { suggestions } from '../../schema/suggestions.ts';
import { drainOutbox } from '../support/drain-outbox.ts';
import { makePersona } from '../support/factories.ts';
import type { Call } from '../support/http.ts';
import { makePair } from '../support/pipeline-factories.ts';
import type { World } from './fuzz-client.ts';

const routeTo = (deps: Deps, id: string, managerId: string) =>
  deps.db.update(suggestions).set({ managerId, stage: 'routed' }).where(eq(suggestions.id, id));

/**
 * Personas of every role and one real record of each kind a path names, so that ids in fuzzed paths are
 * sometimes real. The key id in the world belongs to a spare user: a fuzzed revoke must not lock a persona out.
 */
export async function seedWorld(deps: Deps, call: Call): Promise<World> {
  const [enterprise, institution, manager, admin, spare] = await Promise.all([
    makePersona(deps, 'enterprise'),
    makePersona(deps, 'institution'),
    makePersona(deps, 'manager'),
    makePersona(deps, 'admin'),
    makePersona(deps, 'enterprise'),
  ]);
  const parties = { entOrgId: enterprise.orgId, instOrgId: institution.orgId, chain: 'ai' };
  const open = await makePair(deps, parties);
  const accepted = await makePair(deps, parties);
  await routeTo(deps, open.suggestion.id, manager.userId);
  await routeTo(deps, accepted.suggestion.id, manager.userId);

  // An accepted pair notifies both parties: a real notification id (drained before any webhook exists).
  const claim = await call('POST', `/v1/suggestions/${accepted.suggestion.id}/claim`, { key: manager.key });
  const accept = await call('POST', `/v1/suggestions/${accepted.suggestion.id}/decision`, {
    key: manager.key,
    body: { decision: 'accept' },
  });
  if (claim.status !== 200 || accept.status !== 200) throw new Error(`seeding: accept gave ${accept.status}`);
  await drainOutbox(deps, ['notify'], { notify: (d, payload) => processNotify(d, payload) });
  const [notification] = await deps.db.select().from(notifications).where(eq(notifications.userId, enterprise.userId));
  if (!notification) throw new Error('seeding: no notification for the enterprise');

  const [webhook] = await deps.db
    .insert(webhooks)
    .values({ orgId: enterprise.orgId, url: 'https://hooks.example.invalid/fuzz', secret: 'fuzz-secret', events: [] })
    .returning();
  if (!webhook) throw new Error('seeding: no webhook');
  const spareKey = await createApiKey({ deps, actor: 'system', userId: spare.userId, input: { name: 'spare' } });

  return {
    keys: { enterprise: enterprise.key, institution: institution.key, manager: manager.key, admin: admin.key },
    ids: {
      needs: open.need.id,
      achievements: open.achievement.id,
      suggestions: open.suggestion.id,
      organisations: enterprise.orgId,
      users: spare.userId,
      keys: spareKey.id,
      notifications: notification.id,
      webhooks: webhook.id,
    },
  };
}
