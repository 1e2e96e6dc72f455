import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirBusyError, type DataDirOwner, lockFileName } from '../../schema/data-dir-lock.ts';

const deadPid = () => Number(execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']));

describe('the embedded data folder lock', () => {
  const dirs: string[] = [];
  const folder = () => {
    const dir = mkdtempSync(join(tmpdir(), 'ca-lock-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('has one holder: a second acquire, even in the same process, is refused with the owner named', () => {
    const dir = folder();
    const lock = acquireDataDirLock(dir, { command: 'scripts/start.ts' });
    lock.setPort(3123);
    const second = () => acquireDataDirLock(dir, { command: 'scripts/import.ts a.csv' });
    expect(second).toThrow(DataDirBusyError);
    expect(second).toThrow(`the embedded database in ${dir} is in use by pid ${process.pid}`);
    expect(second).toThrow('scripts/start.ts, port 3123');
    lock.release();
    expect(existsSync(join(dir, lockFileName))).toBe(false);
    acquireDataDirLock(dir, { command: 'scripts/import.ts a.csv' }).release();
  });

  it('a live process in another pid keeps the folder', () => {
    const dir = folder();
    // The vitest parent is alive and is not this process.
    const owner = { pid: process.ppid, command: 'scripts/start.ts', startedAt: new Date().toISOString() };
    writeFileSync(join(dir, lockFileName), JSON.stringify(owner));
    expect(() => acquireDataDirLock(dir, { command: 'x' })).toThrow(`in use by pid ${process.ppid}`);
    expect(JSON.parse(readFileSync(join(dir, lockFileName), 'utf8'))).toMatchObject({ pid: process.ppid });
  });

  it('takes over a lock whose process is gone, or whose pid now belongs to someone else', () => {
    const stale: DataDirOwner[] = [];
    const onTakeover = (owner: DataDirOwner | undefined) => owner && stale.push(owner);
    const dead = folder();
    writeFileSync(join(dead, lockFileName), JSON.stringify({ pid: deadPid(), command: 'old', startedAt: 'then' }));
    acquireDataDirLock(dead, { command: 'new', onTakeover }).release();
    // Our own pid in a lock this process never took: a previous container life that reused the number.
    const reused = folder();
    writeFileSync(join(reused, lockFileName), JSON.stringify({ pid: process.pid, command: 'old', startedAt: 'then' }));
    const lock = acquireDataDirLock(reused, { command: 'new', onTakeover });
    expect(JSON.parse(readFileSync(join(reused, lockFileName), 'utf8'))).toMatchObject({
      pid: process.pid,
      command: 'new',
    });
    lock.release();
    // Same live pid, different start time: the pid was reused by an unrelated process.
    const restarted = folder();
    const parent = { pid: process.ppid, command: 'old', startedAt: 'then', procStart: '1' };
    writeFileSync(join(restarted, lockFileName), JSON.stringify(parent));
    const procStart = existsSync(`/proc/${process.ppid}/stat`);
    if (procStart) acquireDataDirLock(restarted, { command: 'new', onTakeover }).release();
    expect(stale.map((s) => s.command)).toEqual(procStart ? ['old', 'old', 'old'] : ['old', 'old']);
  });

  it('lets exactly one of several processes racing for a stale lock win', async () => {
    const dir = folder();
    writeFileSync(join(dir, lockFileName), JSON.stringify({ pid: deadPid(), command: 'old', startedAt: 'then' }));
    const tsx = new URL('../../node_modules/.bin/tsx', import.meta.url).pathname;
    const contender = new URL('./lock-contender.ts', import.meta.url).pathname;
    const run = promisify(execFile);
    const results = await Promise.all(Array.from({ length: 4 }, () => run(tsx, [contender, dir])));
    expect(results.map((r) => r.stdout).sort()).toEqual(['refused', 'refused', 'refused', 'won']);
    expect(existsSync(join(dir, lockFileName))).toBe(false);
  }, 30_000);
});
