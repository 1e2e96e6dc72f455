import { randomUUID } from 'node:crypto';
import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../matching/core/deps.ts';
import { apiKeys } from '../../schema/api-keys.ts';
import { idempotencyKeys } from '../../schema/idempotency-keys.ts';
import { needs } from '../../schema/needs.ts';
import { webhooks } from '../../schema/notifications.ts';
import { makePersona, type Persona, sampleNeed } from '../support/factories.ts';
import { type Call, startServer } from '../support/http.ts';
import { type Backend, openTestDb } from '../support/test-db.ts';
import { testDeps } from '../support/test-deps.ts';

/** `Idempotency-Key` on creating POSTs, over real HTTP, on each database backend. */
export function idempotencySuite(backend: Backend, serverUrl?: string) {
  describe(`Idempotency-Key on ${backend}`, () => {
    let drop: () => Promise<void>;
    let close: () => Promise<void>;
    let call: Call;
    let deps: Deps;
    let ent: Persona;
    let rival: Persona;
    let admin: Persona;

    beforeAll(async () => {
      const handle = await openTestDb(backend, serverUrl);
      drop = handle.drop;
      deps = testDeps(handle.db);
      ({ call, close } = await startServer(deps));
      [ent, rival, admin] = await Promise.all([
        makePersona(deps, 'enterprise'),
        makePersona(deps, 'enterprise'),
        makePersona(deps, 'admin'),
      ]);
    });
    afterAll(async () => {
      await close?.();
      await drop?.();
    });

    /** A title nobody else uses, so counting rows by title counts only this test's creations. */
    const uniqueNeed = () => sampleNeed({ title: `幂等需求-${randomUUID().slice(0, 8)}` });
    const needsTitled = async (title: string) =>
      (await deps.db.select({ n: count() }).from(needs).where(eq(needs.title, title)))[0]?.n;
    const postNeed = (persona: Persona, key: string, body: unknown) =>
      call('POST', '/v1/needs', { key: persona.key, body, headers: { 'idempotency-key': key } });

    it('answers four identical POSTs with one key with one need and four identical answers', async () => {
      const body = uniqueNeed();
      const key = randomUUID();
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await postNeed(ent, key, body));
      expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201]);
      for (const answer of answers.slice(1)) expect(answer.body).toEqual(answers[0]?.body);
      expect(answers[0]?.headers.get('idempotent-replayed')).toBeNull();
      expect(answers[3]?.headers.get('idempotent-replayed')).toBe('true');
      expect(await needsTitled(body.title)).toBe(1);
    });

    it('refuses the same key with a different body: 409 idempotency_key_reused, nothing created', async () => {
      const key = randomUUID();
      const first = uniqueNeed();
      expect((await postNeed(ent, key, first)).status).toBe(201);
      const other = uniqueNeed();
      const reused = await postNeed(ent, key, other);
      expect(reused.status).toBe(409);
      expect(reused.headers.get('content-type')).toContain('application/problem+json');
      expect(reused.body).toMatchObject({ code: 'conflict', reason: 'idempotency_key_reused' });
      expect(await needsTitled(other.title)).toBe(0);
    });

    it('creates exactly one need from concurrent identical POSTs with one key', async () => {
      const body = uniqueNeed();
      const key = randomUUID();
      const answers = await Promise.all(Array.from({ length: 6 }, () => postNeed(ent, key, body)));
      const created = answers.filter((a) => a.status === 201);
      const busy = answers.filter((a) => a.status === 409);
      expect(created.length + busy.length).toBe(answers.length);
      expect(created.length).toBeGreaterThanOrEqual(1);
      for (const answer of created) expect(answer.body.id).toBe(created[0]?.body.id);
      for (const answer of busy) expect(answer.body.reason).toBe('idempotency_key_in_flight');
      expect(await needsTitled(body.title)).toBe(1);
    });

    it('keeps keys per route: the same key on another route creates there too', async () => {
      const key = randomUUID();
      const org = await call('POST', '/v1/organisations', {
        key: admin.key,
        body: { name: `幂等机构-${key.slice(0, 8)}`, kind: 'enterprise' },
        headers: { 'idempotency-key': key },
      });
      expect(org.status).toBe(201);
      const user = await call('POST', '/v1/users', {
        key: admin.key,
        body: { orgId: org.body.id, name: '幂等用户', role: 'enterprise' },
        headers: { 'idempotency-key': key },
      });
      expect(user.status).toBe(201);
      expect(user.body).toMatchObject({ orgId: org.body.id, name: '幂等用户' });
      // Each route kept its own answer under the one key: a retry on either replays it.
      const orgAgain = await call('POST', '/v1/organisations', {
        key: admin.key,
        body: { name: `幂等机构-${key.slice(0, 8)}`, kind: 'enterprise' },
        headers: { 'idempotency-key': key },
      });
      expect(orgAgain.status).toBe(201);
      expect(orgAgain.body).toEqual(org.body);
      const userAgain = await call('POST', '/v1/users', {
        key: admin.key,
        body: { orgId: org.body.id, name: '幂等用户', role: 'enterprise' },
        headers: { 'idempotency-key': key },
      });
      expect(userAgain.body).toEqual(user.body);
    });

    it('keeps keys per caller: two users with the same key and body each get their own need', async () => {
      const key = randomUUID();
      const body = uniqueNeed();
      const mine = await postNeed(ent, key, body);
      const theirs = await postNeed(rival, key, body);
      expect([mine.status, theirs.status]).toEqual([201, 201]);
      expect(mine.body.id).not.toBe(theirs.body.id);
      expect([mine.body.orgId, theirs.body.orgId]).toEqual([ent.orgId, rival.orgId]);
      expect((await postNeed(ent, key, body)).body).toEqual(mine.body);
      expect((await postNeed(rival, key, body)).body).toEqual(theirs.body);
      expect(await needsTitled(body.title)).toBe(2);
    });

    it('does not let a failed request (400) poison the key', async () => {
      const key = randomUUID();
      const invalid = await postNeed(ent, key, { ...uniqueNeed(), trlMin: 42 });
      expect(invalid.status).toBe(400);
      const body = uniqueNeed();
      const retried = await postNeed(ent, key, body);
      expect(retried.status).toBe(201);
      expect(retried.body.title).toBe(body.title);
      // The key now belongs to the request that succeeded.
      expect((await postNeed(ent, key, body)).body).toEqual(retried.body);
      expect(await needsTitled(body.title)).toBe(1);
    });

    it('validates the key: 1–255 printable ASCII, else 400 naming Idempotency-Key', async () => {
      for (const bad of ['', 'x'.repeat(256), 'clé-é']) {
        const body = uniqueNeed();
        const answer = await postNeed(ent, bad, body);
        expect(answer.status, `key ${JSON.stringify(bad.slice(0, 20))}`).toBe(400);
        expect(answer.body.code).toBe('validation_failed');
        expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
        expect(await needsTitled(body.title)).toBe(0);
      }
      expect((await postNeed(ent, 'x'.repeat(255), uniqueNeed())).status).toBe(201);
      // The draft's own form is a structured-field string: the quotes are syntax, not part of the key.
      const body = uniqueNeed();
      const quoted = await postNeed(ent, '"abc-quoted-key"', body);
      const bare = await postNeed(ent, 'abc-quoted-key', body);
      expect(bare.body).toEqual(quoted.body);
      expect(await needsTitled(body.title)).toBe(1);
    });

    it('forgets a key after 24 hours', async () => {
      const key = randomUUID();
      expect((await postNeed(ent, key, uniqueNeed())).status).toBe(201);
      expect((await postNeed(ent, key, uniqueNeed())).status).toBe(409);
      await deps.db
        .update(idempotencyKeys)
        .set({ createdAt: sql`now() - interval '25 hours'` })
        .where(and(eq(idempotencyKeys.userId, ent.userId), eq(idempotencyKeys.key, key)));
      const later = uniqueNeed();
      expect((await postNeed(ent, key, later)).status).toBe(201);
      expect(await needsTitled(later.title)).toBe(1);
    });

    it('never stores or replays an API key secret: a retry gets 409 naming the key created once', async () => {
      const key = randomUUID();
      const path = `/v1/users/${ent.userId}/keys`;
      const issue = () =>
        call('POST', path, { key: admin.key, body: { name: 'ci' }, headers: { 'idempotency-key': key } });
      const first = await issue();
      expect(first.status).toBe(201);
      const retry = await issue();
      expect(retry.status).toBe(409);
      expect(retry.body).toMatchObject({ code: 'conflict', reason: 'idempotency_key_secret_not_replayable' });
      expect(retry.body.detail).toContain(first.body.id);
      expect(JSON.stringify(retry.body)).not.toContain(first.body.key);
      const named = await deps.db
        .select({ n: count() })
        .from(apiKeys)
        .where(and(eq(apiKeys.userId, ent.userId), eq(apiKeys.name, 'ci')));
      expect(named[0]?.n).toBe(1);
      const stored = await deps.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key));
      expect(stored).toHaveLength(1);
      expect(JSON.stringify(stored)).not.toContain(first.body.key);
    });

    it('never stores or replays a webhook secret', async () => {
      const key = randomUUID();
      const body = { url: `https://hooks.example.com/${key}`, events: ['suggestion.accepted'] };
      const register = () => call('POST', '/v1/webhooks', { key: ent.key, body, headers: { 'idempotency-key': key } });
      const first = await register();
      expect(first.status).toBe(201);
      const retry = await register();
      expect(retry.status).toBe(409);
      expect(retry.body.reason).toBe('idempotency_key_secret_not_replayable');
      expect(JSON.stringify(retry.body)).not.toContain(first.body.secret);
      const rows = await deps.db.select({ n: count() }).from(webhooks).where(eq(webhooks.url, body.url));
      expect(rows[0]?.n).toBe(1);
      const stored = await deps.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key));
      expect(JSON.stringify(stored)).not.toContain(first.body.secret);
    });

    it('declares the headers and answers in the OpenAPI document', async () => {
      const doc = (await call('GET', '/openapi.json')).body;
      for (const path of ['/v1/needs', '/v1/achievements', '/v1/organisations', '/v1/users', '/v1/webhooks']) {
        const post = doc.paths[path].post;
        expect(post.parameters, path).toEqual(
          expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', in: 'header' })]),
        );
        expect(Object.keys(post.responses), path).toContain('409');
      }
    });

    if (backend === 'postgres') {
      it('answers 409 idempotency_key_in_flight while the first request is still running', async () => {
        const body = uniqueNeed();
        const key = randomUUID();
        // Hold the first request inside its insert: a share lock on needs blocks inserts, not reads.
        let unlock = () => {};
        const unlocked = new Promise<void>((resolve) => {
          unlock = resolve;
        });
        let locked = () => {};
        const isLocked = new Promise<void>((resolve) => {
          locked = resolve;
        });
        const holder = deps.db.transaction(async (tx) => {
          await tx.execute(sql`lock table needs in share mode`);
          locked();
          await unlocked;
        });
        await isLocked;
        let first: ReturnType<typeof postNeed> | undefined;
        let second: Awaited<ReturnType<typeof postNeed>>;
        try {
          first = postNeed(ent, key, body);
          await waitFor(async () => {
            const rows = await deps.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key));
            return rows.length === 1;
          });
          second = await postNeed(ent, key, body);
        } finally {
          unlock();
          await holder;
        }
        expect(second.status).toBe(409);
        expect(second.body).toMatchObject({ code: 'conflict', reason: 'idempotency_key_in_flight' });
        const done = await first;
        if (!done) throw new Error('first request never sent');
        expect(done.status).toBe(201);
        const third = await postNeed(ent, key, body);
        expect(third.status).toBe(201);
        expect(third.body).toEqual(done.body);
        expect(await needsTitled(body.title)).toBe(1);
      });
    }
  });
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5000) {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
