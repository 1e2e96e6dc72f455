import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashKeySecret } from '../../matching/admin/api-key-secret.ts';
import { ingestRecords } from '../../matching/pipeline/ingest-record.ts';
import { achievements } from '../../schema/achievements.ts';
import { apiKeys } from '../../schema/api-keys.ts';
import { openDb } from '../../schema/db.ts';
import { organisations } from '../../schema/organisations.ts';
import { outbox } from '../../schema/outbox.ts';
import { abstractOf, writeCsv } from '../import/fixtures.ts';
import { insertAchievement } from '../support/pipeline-factories.ts';
import { testDeps } from '../support/test-deps.ts';
import { type CliResult, readLock, root, runCli, type Server, startServer, stopServer } from './cli-process.ts';

/** Counts what the tools write, on the next open of the folder (which also proves the folder is free again). */
async function written(dataDir: string) {
  const handle = await openDb({ dataDir });
  try {
    const [a] = await handle.db.select({ n: count() }).from(achievements);
    const [k] = await handle.db.select({ n: count() }).from(apiKeys);
    const [r] = await handle.db.select({ n: count() }).from(outbox).where(eq(outbox.job, 'rescore'));
    return { achievements: a?.n, keys: k?.n, rescores: r?.n };
  } finally {
    await handle.close();
  }
}

/** PGlite is one process's database: beside a running server every CLI refuses, plainly, and writes nothing. */
describe('one owner for the embedded database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ca-owner-'));
  const dataDir = join(dir, 'data');
  const env = { DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' };
  let server: Server | undefined;
  let csv = '';
  let orgId = '';

  beforeAll(async () => {
    const handle = await openDb({ dataDir });
    await handle.migrate();
    const [org] = await handle.db
      .insert(organisations)
      .values({ name: '湖州新材料研究院', kind: 'institute' })
      .returning();
    orgId = org?.id ?? '';
    // One listed, analysed record, so rescore has work to record and --wait has jobs to see through.
    const deps = testDeps(handle.db);
    const listed = await insertAchievement(deps, orgId, { chainId: null });
    await ingestRecords({ deps, kind: 'achievement', ids: [listed.id] });
    await handle.close();
    csv = writeCsv(dir, 'one.csv', [
      ['成果名称', '成果简介', '转化方式'],
      ['石墨烯导热膜量产工艺', abstractOf(1), '许可'],
    ]);
  }, 60_000);
  afterAll(async () => {
    if (server) await stopServer(server.child);
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses import, admin:create-key, rescore, reembed and taxonomy:load beside a running server, then does them once it stops', async () => {
    server = await startServer(dataDir);
    const refused = await Promise.all([
      runCli('import.ts', [csv, '--org', orgId], env),
      runCli('admin-create-key.ts', [], env),
      runCli('requeue.ts', ['rescore', '--wait'], env),
      runCli('requeue.ts', ['reembed'], env),
      runCli('load-taxonomy.ts', [join(root, 'schema/seed/chains-huzhou-1366.json')], env),
    ]);
    for (const result of refused) {
      expect(result.code, result.stderr).not.toBe(0);
      expect(result.stderr).toContain(`database: embedded ${dataDir}\n`);
      expect(result.stderr).toContain(`the embedded database in ${dataDir} is in use by pid ${server.pid}`);
      expect(result.stderr).toContain(`scripts/start.ts, port ${server.port}`);
      expect(result.stderr).toContain('Stop that process first');
      expect(result.stderr).toContain('set DATABASE_URL to a PostgreSQL server');
      expect(result.stdout).not.toMatch(/inserted|API key|jobs recorded|loaded/);
    }
    // The server still owns the folder after the refusals, and answers.
    expect(readLock(dataDir)?.pid).toBe(server.pid);
    expect((await fetch(`http://127.0.0.1:${server.port}/healthz`)).ok).toBe(true);

    await stopServer(server.child);
    server = undefined;
    expect(readLock(dataDir)).toBeUndefined();
    expect(await written(dataDir)).toMatchObject({ achievements: 1, keys: 0, rescores: 0 });

    const imported = await runCli('import.ts', [csv, '--org', orgId], env);
    expect(imported.stdout, imported.stderr).toContain('inserted 1');
    const key = await runCli('admin-create-key.ts', [], env);
    expect(key.code, key.stderr).toBe(0);
    const secret = /API key \(shown once\): (cak_\S+)/.exec(key.stdout)?.[1] ?? '';
    const rescore = await runCli('requeue.ts', ['rescore', '--wait'], env);
    expect(rescore.code, rescore.stderr).toBe(0);
    expect(rescore.stdout).toMatch(/rescore: [1-9]\d* jobs recorded/);
    // --wait on the embedded database ran the jobs in the tool itself: nothing is left pending.
    expect(rescore.stderr).toMatch(/rescore: (\d+)\/\1 done/);

    const handle = await openDb({ dataDir });
    try {
      const [stored] = await handle.db
        .select()
        .from(apiKeys)
        .where(eq(apiKeys.hash, hashKeySecret(secret)));
      expect(stored?.revokedAt ?? null).toBeNull();
      const [a] = await handle.db.select({ n: count() }).from(achievements);
      expect(a?.n).toBe(2);
    } finally {
      await handle.close();
    }
  }, 180_000);

  it('takes over the lock of a process that is gone, from any cwd, with a relative DATA_DIR', async () => {
    // A pid that surely is not alive: a child that has already exited.
    const dead = Number(execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']));
    const relative = `.scratch/owner-test-${process.pid}-${Date.now()}`;
    const absolute = join(root, relative);
    try {
      const stale = { pid: dead, command: 'scripts/start.ts', port: 3000, startedAt: '2026-01-01T00:00:00.000Z' };
      execFileSync('mkdir', ['-p', absolute]);
      writeFileSync(join(absolute, 'owner.lock'), JSON.stringify(stale));
      const result: CliResult = await runCli('admin-create-key.ts', [], { ...env, DATA_DIR: relative }, tmpdir());
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toContain(`database: embedded ${absolute}\n`);
      expect(`${result.stdout}${result.stderr}`).toContain('took over the lock of a process that is gone');
      expect(result.stdout).toContain('API key (shown once): cak_');
      expect(readLock(absolute)).toBeUndefined();
      expect((await written(absolute)).keys).toBe(1);
    } finally {
      rmSync(absolute, { recursive: true, force: true });
    }
  }, 60_000);

  it('names a PostgreSQL database without its password', async () => {
    const url = 'postgres://conversion:s3cret-pw@127.0.0.1:1/conversion?sslmode=disable&password=s3cret-pw';
    const result = await runCli('admin-create-key.ts', [], { ...env, DATABASE_URL: url });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('database: postgres://conversion@127.0.0.1:1/conversion\n');
    expect(`${result.stdout}${result.stderr}`).not.toContain('s3cret');
  }, 30_000);
});
