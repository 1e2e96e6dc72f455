import { eq } from 'drizzle-orm';
import { notifications, webhookDeliveries, webhooks } from '../../schema/notifications.ts';
import type { Exposure } from './canary-crawl.ts';
import { type Canary, findInBody, findInJson } from './canary-tokens.ts';
import type { Caller, CanaryWorld } from './canary-world.ts';

/** A caller and the tokens they must never see; everything else they may (and, if entitled, should) see. */
export type Audience = { caller: Caller; forbidden: readonly Canary[]; entitled: readonly Canary[] };

/**
 * Who may see what: the owner organisation's own-role users, admins and the assigned manager see a
 * confidential record in full; the counterpart, rivals, other managers (chief included), managers inside a
 * party's organisation and anonymous callers see none of it. The pair's shared keyword is in both records,
 * so each party may see it, and nobody else.
 */
export function audiences(world: CanaryWorld): Audience[] {
  const { need, achievement, shared, all } = world.plant;
  const as = (label: string, p: { key: string; userId: string }): Caller => ({ label, ...p });
  return [
    {
      caller: as('E enterprise user (counterpart of the achievement)', world.ent),
      forbidden: achievement.canaries,
      entitled: [...need.canaries, ...shared],
    },
    {
      caller: as('I institution user (counterpart of the need)', world.inst),
      forbidden: need.canaries,
      entitled: [...achievement.canaries, ...shared],
    },
    { caller: as('admin', world.admin), forbidden: [], entitled: all },
    { caller: as('assigned manager', world.assigned), forbidden: [], entitled: all },
    ...world.strangers.map((caller) => ({ caller, forbidden: all, entitled: [] })),
  ];
}

const allCanaries = (world: CanaryWorld) => world.plant.all;

/** Forbidden tokens for a stored row addressed to a user or an organisation (unknown ones: all of them). */
function forbiddenFor(world: CanaryWorld, who: { userId?: string; orgId?: string }): readonly Canary[] {
  const { need, achievement } = world.plant;
  if (who.userId === world.admin.userId || who.userId === world.assigned.userId) return [];
  if (who.userId === world.ent.userId || who.orgId === world.ent.orgId) return achievement.canaries;
  if (who.userId === world.inst.userId || who.orgId === world.inst.orgId) return need.canaries;
  return allCanaries(world);
}

/** A readable name for a user or organisation id in a hit report. */
function whoIs(world: CanaryWorld, id: string): string {
  if (id === world.ent.orgId) return "E's organisation";
  if (id === world.inst.orgId) return "I's organisation";
  const named: { label: string; userId: string | undefined }[] = [
    { label: 'E enterprise user', userId: world.ent.userId },
    { label: 'I institution user', userId: world.inst.userId },
    { label: 'admin', userId: world.admin.userId },
    { label: 'assigned manager', userId: world.assigned.userId },
    ...world.strangers,
  ];
  return named.find((p) => p.userId === id)?.label ?? id;
}

/** Every inbox row, judged by its recipient. */
export async function inboxExposures(world: CanaryWorld) {
  const rows = await world.deps.db.select().from(notifications);
  const exposures: Exposure[] = rows.flatMap((row) =>
    findInJson(row.data, forbiddenFor(world, { userId: row.userId })).map((f) => ({
      caller: `inbox of ${whoIs(world, row.userId)}`,
      route: `notifications row ${row.id} (${row.type})`,
      status: 0,
      ...f,
    })),
  );
  return { rows, exposures };
}

/** Webhook bodies as each organisation's receiver got them, and as stored for retries. */
export async function webhookExposures(world: CanaryWorld) {
  const { enterprise, institution } = world.receivers;
  const received: Exposure[] = [
    { name: "E's receiver", deliveries: enterprise.received, forbidden: world.plant.achievement.canaries },
    { name: "I's receiver", deliveries: institution.received, forbidden: world.plant.need.canaries },
  ].flatMap(({ name, deliveries, forbidden }) =>
    deliveries.flatMap((d, i) =>
      findInBody(d.body, forbidden).map((f) => ({
        caller: name,
        route: `delivery ${i} (${d.json?.event ?? d.json?.type ?? '?'})`,
        status: d.answered,
        ...f,
      })),
    ),
  );
  const rows = await world.deps.db
    .select({
      id: webhookDeliveries.id,
      event: webhookDeliveries.event,
      payload: webhookDeliveries.payload,
      orgId: webhooks.orgId,
    })
    .from(webhookDeliveries)
    .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId));
  const stored: Exposure[] = rows.flatMap((row) =>
    findInJson(row.payload, forbiddenFor(world, { orgId: row.orgId })).map((f) => ({
      caller: `webhook_deliveries of ${whoIs(world, row.orgId)}`,
      route: `row ${row.id} (${row.event})`,
      status: 0,
      ...f,
    })),
  );
  return { stored: rows, exposures: [...received, ...stored] };
}

/** The whole service log: nobody may read confidential text there. */
export function logExposures(world: CanaryWorld): Exposure[] {
  return world.logLines.flatMap((line, i) =>
    findInBody(line, allCanaries(world)).map((f) => ({ caller: 'service log', route: `line ${i}`, status: 0, ...f })),
  );
}
