import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAchievement } from '../../matching/achievements/create-achievement.ts';
import { getAchievement } from '../../matching/achievements/get-achievement.ts';
import { createApiKey } from '../../matching/admin/create-api-key.ts';
import { createOrganisation } from '../../matching/admin/create-organisation.ts';
import { createUser } from '../../matching/admin/create-user.ts';
import { revokeApiKey } from '../../matching/admin/revoke-api-key.ts';
import { appendEvent, appendEvents, type LogEvent } from '../../matching/core/event-log.ts';
import { verifyChain } from '../../matching/core/verify-event-chain.ts';
import { createNeed } from '../../matching/needs/create-need.ts';
import { getNeed } from '../../matching/needs/get-need.ts';
import { listNeeds } from '../../matching/needs/list-needs.ts';
import { updateNeed } from '../../matching/needs/update-need.ts';
import { withdrawNeed } from '../../matching/needs/withdraw-need.ts';
import { createWebhook } from '../../matching/notifications/create-webhook.ts';
import { disableWebhook } from '../../matching/notifications/disable-webhook.ts';
import { type Db, queryRows } from '../../schema/db.ts';
import { events } from '../../schema/events.ts';
import { makePersona, sampleAchievement, sampleNeed } from '../support/factories.ts';
import { type Backend, openTestDb } from '../support/test-db.ts';
import { testDeps } from '../support/test-deps.ts';

const event = (over: Partial<LogEvent> = {}): LogEvent => ({
  actor: 'system:matcher',
  subject: { kind: 'need', id: randomUUID() },
  orgId: null,
  type: 'need.created',
  data: {
    title: '复配杀虫水乳剂热贮后有效成分分解超标',
    budget: 30.5,
    modes: ['licence', 'use_first'],
    nested: { b: 1, a: [2, { z: null }] },
  },
  at: new Date('2026-12-04T10:00:00.123Z'),
  ...over,
});

/** The log's guarantees on PGlite and on the real server: order without gaps, a chain that catches edits. */
export function eventLogSuite(backend: Backend, serverUrl?: string) {
  describe(`event log on ${backend}`, () => {
    let db: Db;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      const handle = await openTestDb(backend, serverUrl);
      db = handle.db;
      drop = handle.drop;
    });
    afterAll(async () => drop?.());

    it('appends in one gap-free order and verifies, Chinese text and nested data included', async () => {
      const first = await appendEvent(db, event());
      const more = await appendEvents(db, [event({ type: 'need.updated' }), event({ type: 'need.withdrawn' })]);
      expect(more).toEqual([first + 1, first + 2]);
      expect(await verifyChain(db)).toEqual({ checked: first + 2, broken: null });
    });

    it('leaves no gap when the transaction that appended rolls back', async () => {
      const before = await verifyChain(db);
      await expect(
        db.transaction(async (tx) => {
          await appendEvent(tx, event());
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      const seq = await appendEvent(db, event());
      expect(seq).toBe(before.checked + 1);
      expect((await verifyChain(db)).broken).toBeNull();
    });

    it('orders concurrent appenders without gaps or duplicates', async () => {
      const before = (await verifyChain(db)).checked;
      const seqs = (
        await Promise.all(
          Array.from({ length: 20 }, () => db.transaction((tx) => appendEvents(tx, [event(), event()]))),
        )
      ).flat();
      expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => before + 1 + i));
      expect(await verifyChain(db, { batchSize: 7 })).toEqual({ checked: before + 40, broken: null });
    });

    it('logs changes to needs and achievements through the write path, with the actor and without their text', async () => {
      let woken = 0;
      const deps = testDeps(db, { workRecorded: () => (woken += 1) });
      const ent = await makePersona(deps, 'enterprise');
      const inst = await makePersona(deps, 'institution');
      const need = await createNeed({ deps, actor: ent, input: sampleNeed({ confidentiality: 'confidential' }) });
      await updateNeed({ deps, actor: ent, id: need.id, input: { description: '机密：热贮两周分解率超过10%' } });
      await withdrawNeed({ deps, actor: ent, id: need.id });
      const achievement = await createAchievement({ deps, actor: inst, input: sampleAchievement() });
      expect(woken).toBe(4);
      const logged = await db
        .select()
        .from(events)
        .where(and(eq(events.subjectKind, 'need'), eq(events.subjectId, need.id)))
        .orderBy(asc(events.seq));
      expect(logged.map((e) => [e.type, e.actor, e.orgId])).toEqual([
        ['need.created', `user:${ent.userId}`, ent.orgId],
        ['need.updated', `user:${ent.userId}`, ent.orgId],
        ['need.withdrawn', `user:${ent.userId}`, ent.orgId],
      ]);
      expect(logged[1]?.data).toEqual({
        status: 'open',
        chainId: need.chainId,
        confidentiality: 'confidential',
        fields: ['description'],
      });
      expect(JSON.stringify(logged)).not.toContain('机密');
      expect(JSON.stringify(logged)).not.toContain(need.title);
      const [published] = await db.select().from(events).where(eq(events.subjectId, achievement.id));
      expect(published).toMatchObject({ type: 'achievement.created', actor: `user:${inst.userId}`, orgId: inst.orgId });
      expect((await verifyChain(db)).broken).toBeNull();
    });

    it("logs every read of a confidential record by anyone outside its owner, and no one else's reads", async () => {
      const deps = testDeps(db);
      const ent = await makePersona(deps, 'enterprise');
      const admin = await makePersona(deps, 'admin');
      const inst = await makePersona(deps, 'institution');
      const secret = await createNeed({ deps, actor: ent, input: sampleNeed({ confidentiality: 'confidential' }) });
      const open = await createNeed({ deps, actor: ent, input: sampleNeed({ confidentiality: 'public' }) });
      const lab = await createAchievement({
        deps,
        actor: inst,
        input: sampleAchievement({ confidentiality: 'confidential' }),
      });
      const reads = async () =>
        (
          await db
            .select()
            .from(events)
            .where(inArray(events.type, ['need.read', 'achievement.read']))
            .orderBy(asc(events.seq))
        )
          .filter((e) => [secret.id, open.id, lab.id].includes(e.subjectId))
          .map((e) => [e.type, e.subjectId, e.actor, e.orgId, e.data]);

      await getNeed({ deps, actor: ent, id: secret.id });
      await listNeeds({ deps, actor: ent, input: { pageSize: 100 } });
      await getNeed({ deps, actor: admin, id: open.id });
      expect(await reads()).toEqual([]);

      await getNeed({ deps, actor: admin, id: secret.id });
      await getAchievement({ deps, actor: admin, id: lab.id });
      const listed = await listNeeds({ deps, actor: admin, input: { pageSize: 100, orgId: ent.orgId } });
      expect(listed.items.map((n) => n.id)).toContain(secret.id);
      expect(await reads()).toEqual([
        ['need.read', secret.id, `user:${admin.userId}`, ent.orgId, { level: 'full', via: 'get' }],
        ['achievement.read', lab.id, `user:${admin.userId}`, inst.orgId, { level: 'full', via: 'get' }],
        ['need.read', secret.id, `user:${admin.userId}`, ent.orgId, { level: 'full', via: 'list' }],
      ]);
      expect((await verifyChain(db)).broken).toBeNull();
    });

    it('logs organisations, users, keys and webhooks once per real change, without secrets or personal data', async () => {
      const deps = testDeps(db);
      const admin = await makePersona(deps, 'admin');
      const org = await createOrganisation({
        deps,
        actor: admin,
        input: { name: '湖州概念验证中心', kind: 'institute' },
      });
      const user = await createUser({
        deps,
        actor: admin,
        input: { orgId: org.id, name: '王工', email: 'wang@example.cn', role: 'institution' },
      });
      const key = await createApiKey({ deps, actor: admin, userId: user.id, input: { name: 'ci' } });
      await revokeApiKey({ deps, actor: admin, id: key.id });
      await revokeApiKey({ deps, actor: admin, id: key.id });
      const inst = await makePersona(deps, 'institution');
      const hook = await createWebhook({
        deps,
        actor: inst,
        input: { url: 'https://hooks.example.com/in?token=s3cr3t', events: ['suggestion.accepted'] },
      });
      await disableWebhook({ deps, actor: inst, id: hook.id });
      await disableWebhook({ deps, actor: inst, id: hook.id });
      const logged = await db
        .select()
        .from(events)
        .where(inArray(events.subjectId, [org.id, user.id, key.id, hook.id]))
        .orderBy(asc(events.seq));
      expect(logged.map((e) => [e.type, e.actor])).toEqual([
        ['organisation.created', `user:${admin.userId}`],
        ['user.created', `user:${admin.userId}`],
        ['api_key.created', `user:${admin.userId}`],
        ['api_key.revoked', `user:${admin.userId}`],
        ['webhook.created', `user:${inst.userId}`],
        ['webhook.disabled', `user:${inst.userId}`],
      ]);
      expect(logged[4]?.data).toEqual({ host: 'hooks.example.com', events: ['suggestion.accepted'] });
      const text = JSON.stringify(logged);
      for (const secret of [key.key, hook.secret, 's3cr3t', 'wang@example.cn', '王工'])
        expect(text).not.toContain(secret);
      // The first admin's own creation, by the CLI, names the process.
      const [bootstrap] = await db.select().from(events).where(eq(events.subjectId, admin.userId));
      expect(bootstrap).toMatchObject({ type: 'user.created', actor: 'system:admin-cli' });
      expect((await verifyChain(db)).broken).toBeNull();
    });

    it('leaves neither the change nor its event when the change fails', async () => {
      const deps = testDeps(db);
      const ent = await makePersona(deps, 'enterprise');
      const before = (await verifyChain(db)).checked;
      await expect(createNeed({ deps, actor: ent, input: sampleNeed({ chainId: 'no_such_chain' }) })).rejects.toThrow();
      expect((await verifyChain(db)).checked).toBe(before);
    });

    it('refuses UPDATE and DELETE of event rows', async () => {
      expect(await failure(db.execute(sql`update events set type = 'x' where seq = 1`))).toMatch(/append-only/);
      expect(await failure(db.execute(sql`delete from events where seq = 1`))).toMatch(/append-only/);
      expect(await failure(db.execute(sql`truncate events`))).toMatch(/append-only/);
    });

    it.runIf(backend === 'postgres')(
      'gives the application role insert and read on the log, not update or delete',
      async () => {
        const asApp = (work: (tx: Parameters<Parameters<Db['transaction']>[0]>[0]) => Promise<unknown>) =>
          db.transaction(async (tx) => {
            await tx.execute(sql`set local role conversion_app`);
            await work(tx);
          });
        await asApp((tx) => appendEvent(tx, event({ type: 'need.viewed' })));
        expect(await failure(asApp((tx) => tx.execute(sql`update events set type = 'x' where seq = 1`)))).toMatch(
          /permission denied/,
        );
        expect(await failure(asApp((tx) => tx.execute(sql`delete from events where seq = 1`)))).toMatch(
          /permission denied/,
        );
        expect((await verifyChain(db)).broken).toBeNull();
      },
    );

    it('names the first row whose payload was edited behind the service, and holds again once it is undone', async () => {
      const [target] = await db.select().from(events).orderBy(asc(events.seq)).limit(1).offset(2);
      if (!target) throw new Error('no row to tamper with');
      await tamper(db, sql`update events set data = jsonb_set(data, '{budget}', '300') where seq = ${target.seq}`);
      expect((await verifyChain(db)).broken).toEqual({ seq: target.seq, reason: 'content does not match its hash' });
      await tamper(db, sql`update events set data = ${JSON.stringify(target.data)}::jsonb where seq = ${target.seq}`);
      expect((await verifyChain(db)).broken).toBeNull();
    });

    it('catches a removed last row through the chain head', async () => {
      const [last] = await db.select().from(events).orderBy(desc(events.seq)).limit(1);
      if (!last) throw new Error('no rows');
      await tamper(db, sql`delete from events where seq = ${last.seq}`);
      const report = await verifyChain(db);
      expect(report.checked).toBe(last.seq - 1);
      expect(report.broken?.seq).toBe(last.seq);
      await tamper(
        db,
        sql`insert into events select * from jsonb_populate_record(null::events, ${JSON.stringify(asColumns(last))}::jsonb)`,
      );
      expect((await verifyChain(db)).broken).toBeNull();
    });

    it('catches a row removed from the middle', async () => {
      await tamper(db, sql`delete from events where seq = 2`);
      expect((await verifyChain(db)).broken).toEqual({ seq: 2, reason: 'missing (next is 3)' });
    });
  });
}

/** The database's own error text (drizzle wraps it as "Failed query: …" with the driver's error as cause). */
async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    return `${error instanceof Error ? error.message : String(error)} ${cause instanceof Error ? cause.message : ''}`;
  }
  return 'no error';
}

/** A row as column names → values, for putting it back with jsonb_populate_record. */
function asColumns(row: typeof events.$inferSelect) {
  return {
    seq: row.seq,
    actor: row.actor,
    subject_kind: row.subjectKind,
    subject_id: row.subjectId,
    org_id: row.orgId,
    type: row.type,
    data: row.data,
    at: row.at.toISOString(),
    prev_hash: row.prevHash,
    hash: row.hash,
  };
}

/** What an attacker with the database owner's rights does: switch the append-only trigger off for the edit. */
async function tamper(db: Db, statement: ReturnType<typeof sql>) {
  await db.transaction(async (tx) => {
    await tx.execute(sql`alter table events disable trigger events_no_update_or_delete`);
    await tx.execute(statement);
    await tx.execute(sql`alter table events enable trigger events_no_update_or_delete`);
  });
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from events`);
  expect(row?.n).toBeGreaterThan(0);
}
