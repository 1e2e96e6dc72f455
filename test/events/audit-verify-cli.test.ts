import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendEvents } from '../../matching/core/event-log.ts';
import { type DbHandle, openDb } from '../../schema/db.ts';
import { runCli } from '../ops/cli-process.ts';
import { checkService } from '../support/services.ts';

const service = await checkService('TEST_DATABASE_URL');
const serverUrl = service.url ?? '';

/** `npm run audit:verify` as an operator runs it against a real PostgreSQL database. */
describe.runIf(service.available)('npm run audit:verify', () => {
  const name = `ca_audit_${randomBytes(6).toString('hex')}`;
  let url: string;
  let handle: DbHandle;
  let admin: ReturnType<typeof postgres>;
  beforeAll(async () => {
    if (!service.available) return;
    admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const target = new URL(serverUrl);
    target.pathname = `/${name}`;
    url = target.toString();
    handle = await openDb({ databaseUrl: url, dataDir: '' });
    await handle.migrate();
    const at = new Date('2026-12-04T09:00:00Z');
    await appendEvents(
      handle.db,
      Array.from({ length: 12 }, (_, i) => ({
        actor: 'system:import' as const,
        subject: { kind: 'achievement' as const, id: randomUUID() },
        orgId: null,
        type: 'achievement.created',
        data: { status: 'published', n: i },
        at,
      })),
    );
  });
  afterAll(async () => {
    await handle?.close();
    await admin?.unsafe(`drop database if exists ${name} with (force)`);
    await admin?.end();
  });

  it('passes on an intact chain, then fails naming the row whose payload was edited', async () => {
    const ok = await runCli('audit-verify.ts', ['--batch', '5'], { DATABASE_URL: url });
    expect(ok.stdout).toContain('audit: ok, 12 events');
    expect(ok.code).toBe(0);
    expect(ok.stderr).toMatch(/verified 12\/12 events/);

    await handle.db.transaction(async (tx) => {
      await tx.execute(sql`alter table events disable trigger events_no_update_or_delete`);
      await tx.execute(sql`update events set data = jsonb_set(data, '{status}', '"withdrawn"') where seq = 7`);
      await tx.execute(sql`alter table events enable trigger events_no_update_or_delete`);
    });
    const broken = await runCli('audit-verify.ts', [], { DATABASE_URL: url });
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('BROKEN at event seq 7: content does not match its hash (6 events before it hold)');
  });
});
