import { readFileSync } from 'node:fs';
import { count } from 'drizzle-orm';
import { z } from 'zod';
import { createAchievementInput } from '../../matching/achievements/achievement-input.ts';
import { createApiKey } from '../../matching/admin/create-api-key.ts';
import type { Deps } from '../../matching/core/deps.ts';
import type { LogEvent, SubjectKind } from '../../matching/core/event-log.ts';
import { write } from '../../matching/core/write.ts';
import { createNeedInput } from '../../matching/needs/need-input.ts';
import { ingestWork } from '../../matching/pipeline/record-ingest.ts';
import { achievements } from '../../schema/achievements.ts';
import { managers } from '../../schema/managers.ts';
import { needs } from '../../schema/needs.ts';
import { organisations } from '../../schema/organisations.ts';
import { users } from '../../schema/users.ts';
import { demoFiles } from './demo-files.ts';
import { loadDemoHistory } from './load-demo-history.ts';
import { loadDemoPlatforms } from './load-demo-platforms.ts';

const demoDir = new URL('../../schema/seed/demo/', import.meta.url);
const read = <S extends z.ZodType>(file: string, schema: S): z.infer<S>[] =>
  z.array(schema).parse(JSON.parse(readFileSync(new URL(file, demoDir), 'utf8')));

export type DemoKey = { role: string; name: string; org: string; key: string };

/**
 * Loads the Chinese demo set into an empty database, in one transaction so an interrupted load leaves nothing
 * behind and simply runs again. Returns one key per demo persona; they exist nowhere else in clear text.
 * Through the write path, like any import: every organisation, person, need and achievement is a `*.created`
 * event by `system:import`, dated when the demo says it happened, so statistics and audit see the demo as data.
 */
export async function loadDemoDataIfEmpty(deps: Deps): Promise<{ keys: DemoKey[] } | null> {
  const [existing] = await deps.db.select({ n: count() }).from(organisations);
  if ((existing?.n ?? 0) > 0) return null;
  const data = {
    orgs: read('organisations.json', demoFiles.organisation),
    people: read('users.json', demoFiles.user),
    managerRows: read('managers.json', demoFiles.manager),
    needRows: read('needs.json', demoFiles.need),
    achievementRows: read('achievements.json', demoFiles.achievement),
    platformRows: read('platforms.json', demoFiles.platform),
    histories: read('outcomes.json', demoFiles.history),
  };
  const ids = await write(deps, async (scope) => {
    const { tx } = scope;
    const created = (kind: SubjectKind, id: string, orgId: string, data: Record<string, unknown>, at: Date) =>
      scope.log(seedEvent(kind, id, orgId, data, at));
    const loadedAt = deps.clock.now();
    const orgIds = new Map<string, string>();
    for (const { key, ...org } of data.orgs) {
      const [row] = await tx.insert(organisations).values(org).returning({ id: organisations.id });
      if (row) orgIds.set(key, row.id);
      if (row) created('organisation', row.id, row.id, { kind: org.kind, name: org.name }, loadedAt);
    }
    const orgId = (key: string) => mustGet(orgIds, key, 'organisation');
    const userIds = new Map<string, string>();
    for (const { key, org, ...person } of data.people) {
      const [row] = await tx
        .insert(users)
        .values({ ...person, orgId: orgId(org) })
        .returning({ id: users.id });
      if (row) userIds.set(key, row.id);
      if (row) created('user', row.id, orgId(org), { role: person.role }, loadedAt);
    }
    for (const { user, ...profile } of data.managerRows) {
      await tx.insert(managers).values({ ...profile, userId: mustGet(userIds, user, 'user') });
    }
    const day = 24 * 3600 * 1000;
    const now = deps.clock.now().getTime();
    const platformIds = await loadDemoPlatforms(scope, data.platformRows, data.orgs, orgIds, new Date(now - 200 * day));
    const needIds: string[] = [];
    const achievementIds: string[] = [];
    // Spread creation times over the past months so lists, ages and statistics look lived-in.
    const when = (i: number, n: number) => new Date(now - Math.round(((n - i) / n) * 120 * day));
    // Achievements first: their ingest jobs run first, so the pool is indexed when the needs are matched (a
    // need matched before it would find nothing, wait as no_match_yet and be re-matched by every nomination).
    for (const [i, { org, chain, ...achievement }] of data.achievementRows.entries()) {
      const input = createAchievementInput.parse({ ...achievement, chainId: chain });
      const at = when(i, data.achievementRows.length);
      const [published] = await tx
        .insert(achievements)
        .values({ ...input, orgId: orgId(org), createdAt: at, updatedAt: at })
        .returning({ id: achievements.id, status: achievements.status, confidentiality: achievements.confidentiality });
      if (published) {
        const { status, confidentiality } = published;
        const data = { status, chainId: input.chainId ?? null, confidentiality };
        created('achievement', published.id, orgId(org), data, at);
        await scope.jobs([ingestWork('achievement', published.id, 'bulk')]);
      }
      achievementIds.push(published?.id ?? '');
    }
    for (const [i, { org, chain, ...need }] of data.needRows.entries()) {
      const input = createNeedInput.parse({ ...need, chainId: chain });
      const at = when(i, data.needRows.length);
      const [inserted] = await tx
        .insert(needs)
        .values({ ...input, orgId: orgId(org), createdAt: at, updatedAt: at })
        .returning({ id: needs.id, status: needs.status, confidentiality: needs.confidentiality });
      if (inserted) {
        const { status, confidentiality } = inserted;
        created('need', inserted.id, orgId(org), { status, chainId: input.chainId ?? null, confidentiality }, at);
        await scope.jobs([ingestWork('need', inserted.id, 'bulk')]);
      }
      needIds.push(inserted?.id ?? '');
    }
    return { orgIds, userIds, platformIds, needIds, achievementIds };
  });
  // Through the verbs, after the records exist: each pair's history is its own writes and events.
  await loadDemoHistory(deps, data.histories, {
    ...ids,
    manager: (key) => {
      const person = data.people.find((p) => p.key === key);
      if (!person) throw new Error(`demo history names unknown user ${key}`);
      return {
        userId: mustGet(ids.userIds, key, 'user'),
        orgId: mustGet(ids.orgIds, person.org, 'organisation'),
        role: person.role,
      };
    },
  });
  return { keys: await issueDemoKeys(deps, data, ids.userIds) };
}

async function issueDemoKeys(
  deps: Deps,
  data: { orgs: { key: string; name: string }[]; people: { key: string; org: string; name: string; role: string }[] },
  userIds: Map<string, string>,
): Promise<DemoKey[]> {
  const perRole: Record<string, number> = { admin: 1, enterprise: 2, institution: 2, manager: 2 };
  const keys: DemoKey[] = [];
  for (const [role, wanted] of Object.entries(perRole)) {
    for (const person of data.people.filter((p) => p.role === role).slice(0, wanted)) {
      const created = await createApiKey({
        deps,
        actor: 'system',
        userId: mustGet(userIds, person.key, 'user'),
        input: { name: 'demo' },
      });
      const org = data.orgs.find((o) => o.key === person.org)?.name ?? person.org;
      keys.push({ role, name: person.name, org, key: created.key });
    }
  }
  return keys;
}

function mustGet(map: Map<string, string>, key: string, what: string): string {
  const value = map.get(key);
  if (!value) throw new Error(`demo data refers to unknown ${what} ${key}`);
  return value;
}

const seedEvent = (
  kind: SubjectKind,
  id: string,
  orgId: string,
  data: Record<string, unknown>,
  at: Date,
): LogEvent => ({ actor: 'system:import', subject: { kind, id }, orgId, type: `${kind}.created`, data, at });
