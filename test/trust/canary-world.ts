import { and, eq } from 'drizzle-orm';
import pino from 'pino';
import type { Deps } from '../../matching/core/deps.ts';
import { webhookEvents } from '../../matching/notifications/notify-events.ts';
import { webhookTargetPolicy } from '../../matching/notifications/webhook-target-policy.ts';
import { suggestions } from '../../schema/suggestions.ts';
import { productionCatalog } from '../../workers/processors.ts';
import { drainOutbox } from '../support/drain-outbox.ts';
import { makePersona, type Persona } from '../support/factories.ts';
import { type Call, startServer } from '../support/http.ts';
import { makeManager } from '../support/pipeline-factories.ts';
import { type Backend, openTestDb } from '../support/test-db.ts';
import { testDeps } from '../support/test-deps.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';
import { type CanaryPlant, canaryPlant, decoyAchievement, decoyNeed } from './canary-records.ts';
import { managerInside } from './canary-users.ts';

export type Caller = { label: string; key: string | undefined; userId: string | undefined };

export type CanaryWorld = {
  deps: Deps;
  call: Call;
  logLines: string[];
  chain: string;
  plant: CanaryPlant;
  ids: { need: string; achievement: string; suggestion: string };
  /** The pair's explanation as the match job stored it. */
  explanation: unknown;
  ent: Persona;
  inst: Persona;
  admin: Persona;
  assigned: Persona;
  /** Everyone who may see neither record's confidential text (the counterparts are added per record). */
  strangers: Caller[];
  receivers: { enterprise: WebhookReceiver; institution: WebhookReceiver };
  /** What the manager's HTTP steps answered, in order, so the suite can show they really happened. */
  workflow: { step: string; status: number }[];
  close(): Promise<void>;
};

const chain = 'textile';
const asCaller = (label: string, p: Persona): Caller => ({ label, key: p.key, userId: p.userId });

/** Every job the production catalog knows, run in order from the outbox until none is left. */
async function drainAll(deps: Deps) {
  const catalog = productionCatalog();
  const processors = Object.fromEntries(
    [...catalog].map(([name, definition]) => [
      name,
      (d: Deps, payload: unknown) =>
        definition.process(d, definition.payload.parse(payload), { jobId: `canary-${name}`, attempt: 1 }),
    ]),
  );
  return drainOutbox(deps, [...catalog.keys()], processors);
}

async function registerWebhook(call: Call, owner: Persona, receiver: WebhookReceiver) {
  const hook = await call('POST', '/v1/webhooks', {
    key: owner.key,
    body: { url: receiver.url, events: [...webhookEvents] },
  });
  if (hook.status !== 201)
    throw new Error(`webhook registration answered ${hook.status}: ${JSON.stringify(hook.body)}`);
  receiver.secret = hook.body.secret;
}

async function post(call: Call, key: string, path: string, body: unknown): Promise<string> {
  const created = await call('POST', path, { key, body });
  if (created.status !== 201)
    throw new Error(`POST ${path} answered ${created.status}: ${JSON.stringify(created.body)}`);
  return created.body.id;
}

/**
 * The whole story through the real parts: records posted over HTTP, ingest → match → route by the production
 * job catalog, the assigned manager working the pair over HTTP to `poc`, notify jobs delivering to real
 * local webhook receivers, and every log line the service writes kept at trace level.
 */
export async function buildCanaryWorld(backend: Backend, serverUrl?: string): Promise<CanaryWorld> {
  const handle = await openTestDb(backend, serverUrl);
  const logLines: string[] = [];
  const logger = pino({ level: 'trace' }, { write: (line: string) => logLines.push(line) });
  // Loopback receivers are refused by default (SSRF guard); this deployment trusts 127.0.0.1 like its tests do.
  const deps = testDeps(handle.db, { logger, webhookPolicy: webhookTargetPolicy(['127.0.0.1']) });
  const server = await startServer(deps);
  const { call } = server;
  const receivers = { enterprise: await startWebhookReceiver(), institution: await startWebhookReceiver() };

  const [ent, inst, rival, otherInst, admin, unrelated] = await Promise.all([
    makePersona(deps, 'enterprise'),
    makePersona(deps, 'institution'),
    makePersona(deps, 'enterprise'),
    makePersona(deps, 'institution'),
    makePersona(deps, 'admin'),
    makePersona(deps, 'manager'),
  ]);
  // Before routing: the one manager routing can choose, so every pair of the chain goes to them.
  const assigned = await makeManager(deps, { chains: [chain], capacity: 100 });
  await registerWebhook(call, ent, receivers.enterprise);
  await registerWebhook(call, inst, receivers.institution);

  const plant = canaryPlant(chain);
  // Public records of the rivals on the same topic, so strangers' lists and pair views are not empty.
  await post(call, rival.key, '/v1/needs', decoyNeed(chain));
  await post(call, otherInst.key, '/v1/achievements', decoyAchievement(chain));
  const need = await post(call, ent.key, '/v1/needs', plant.need.input);
  const achievement = await post(call, inst.key, '/v1/achievements', plant.achievement.input);
  await drainAll(deps);

  const [pair] = await deps.db
    .select()
    .from(suggestions)
    .where(and(eq(suggestions.needId, need), eq(suggestions.achievementId, achievement)));
  if (!pair) throw new Error('the pipeline did not pair the canary need with the canary achievement');
  if (pair.managerId !== assigned.userId) throw new Error(`pair routed to ${pair.managerId}, not the manager`);
  // Created after routing, so none of them is assigned any pair: what they see is what the views let them.
  // (Created before, routing gives the decoys' pairs to the insiders, who then see them in full as assignees.)
  const chief = await makeManager(deps, { chains: [chain], isChief: true });
  const inE = await managerInside(deps, ent.orgId, chain);
  const inI = await managerInside(deps, inst.orgId, chain);

  const workflow: CanaryWorld['workflow'] = [];
  const step = async (name: string, path: string, body?: unknown) => {
    const answer = await call('POST', path, { key: assigned.key, ...(body ? { body } : {}) });
    workflow.push({ step: name, status: answer.status });
  };
  await step('claim', `/v1/suggestions/${pair.id}/claim`);
  await step('accept', `/v1/suggestions/${pair.id}/decision`, { decision: 'accept' });
  await step('contacted', `/v1/suggestions/${pair.id}/stage`, { to: 'contacted' });
  await step('poc', `/v1/suggestions/${pair.id}/stage`, { to: 'poc' });
  await drainAll(deps);

  return {
    deps,
    call,
    logLines,
    chain,
    plant,
    ids: { need, achievement, suggestion: pair.id },
    explanation: pair.explanation,
    ent,
    inst,
    admin,
    assigned,
    strangers: [
      asCaller('rival enterprise', rival),
      asCaller('other institution', otherInst),
      asCaller('unrelated manager', unrelated),
      asCaller('chief (not assigned)', chief),
      asCaller("manager inside E's org", inE),
      asCaller("manager inside I's org", inI),
      { label: 'anonymous', key: undefined, userId: undefined },
    ],
    receivers,
    workflow,
    close: async () => {
      await receivers.enterprise.close();
      await receivers.institution.close();
      await server.close();
      await handle.drop();
    },
  };
}
