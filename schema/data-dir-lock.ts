import { readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/**
 * PGlite is one process's database: a second process that opens the same folder writes into its own copy,
 * and what it wrote is lost. So whoever opens an embedded DATA_DIR first owns it, marked by a lock file
 * created with `wx` (atomic: exactly one creator wins), and every other opener is refused with who owns it.
 */
export type DataDirOwner = {
  pid: number;
  command: string;
  port?: number | undefined;
  startedAt: string;
  host: string;
  /** The owner's start time as the kernel counts it (Linux), so a reused pid is not mistaken for the owner. */
  procStart?: string | undefined;
};

export type DataDirLock = {
  path: string;
  owner: DataDirOwner;
  /** Records the port the owner serves on, for the message another process gets. */
  setPort(port: number): void;
  release(): void;
};

export const lockFileName = 'owner.lock';

export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: DataDirOwner,
  ) {
    super(busyMessage(dataDir, owner));
  }
}

export function busyMessage(dataDir: string, owner: DataDirOwner): string {
  const details = [owner.command, owner.port ? `port ${owner.port}` : undefined, `since ${owner.startedAt}`];
  return [
    `the embedded database in ${dataDir} is in use by pid ${owner.pid} (${details.filter(Boolean).join(', ')}).`,
    'PGlite serves one process at a time: anything written beside that process would be lost.',
    'Stop that process first and run this again, or set DATABASE_URL to a PostgreSQL server,',
    'where the server and these tools can share one database.',
  ].join('\n');
}

/** Locks held by this process: a second open of the same folder in one process is refused too. */
const heldHere = new Set<string>();

export type AcquireOptions = {
  command: string;
  /** Told when a lock left by a process that is gone is taken over. */
  onTakeover?: (stale: DataDirOwner | undefined) => void;
};

export function acquireDataDirLock(dataDir: string, options: AcquireOptions): DataDirLock {
  const path = join(dataDir, lockFileName);
  const owner: DataDirOwner = {
    pid: process.pid,
    command: options.command,
    startedAt: new Date().toISOString(),
    host: hostname(),
    procStart: processStart(process.pid),
  };
  for (let attempt = 0; attempt < 50; attempt++) {
    if (tryCreate(path, owner)) return holdLock(path, owner);
    const current = readOwner(path);
    if (current === 'missing') continue;
    if (current !== 'unreadable' && isAlive(path, current)) throw new DataDirBusyError(dataDir, current);
    if (current === 'unreadable' && isYoung(path)) {
      // A creator writes its content right after `wx` succeeds; give it a moment before calling it stale.
      sleep(20);
      continue;
    }
    if (takeOver(path, current)) options.onTakeover?.(current === 'unreadable' ? undefined : current);
  }
  throw new Error(`could not take the lock ${path}: it keeps changing`);
}

function tryCreate(path: string, owner: DataDirOwner): boolean {
  try {
    writeFileSync(path, `${JSON.stringify(owner)}\n`, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Two processes may find the same stale lock at once; only the one that moves it aside (an atomic rename, so
 * one wins) deletes it. The loser loops back and finds the winner's fresh lock.
 */
function takeOver(path: string, stale: DataDirOwner | 'unreadable'): boolean {
  const aside = `${path}.stale-${process.pid}`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  const moved = readOwner(aside);
  unlinkSync(aside);
  const same = stale === 'unreadable' ? moved === 'unreadable' : typeof moved === 'object' && sameOwner(moved, stale);
  // A fresh lock moved aside by mistake (it replaced the stale one between our read and rename) is put back.
  if (!same && typeof moved === 'object') tryCreate(path, moved);
  return same;
}

function holdLock(path: string, owner: DataDirOwner): DataDirLock {
  heldHere.add(path);
  // A clean exit (including process.exit after an error) frees the folder; only a killed process leaves a lock.
  const onExit = () => removeIfOurs(path, owner);
  process.on('exit', onExit);
  return {
    path,
    owner,
    setPort(port) {
      owner.port = port;
      const temp = `${path}.${process.pid}.tmp`;
      writeFileSync(temp, `${JSON.stringify(owner)}\n`);
      renameSync(temp, path);
    },
    release() {
      process.off('exit', onExit);
      removeIfOurs(path, owner);
    },
  };
}

function removeIfOurs(path: string, owner: DataDirOwner) {
  heldHere.delete(path);
  const current = readOwner(path);
  if (typeof current === 'object' && sameOwner(current, owner)) unlinkSync(path);
}

function readOwner(path: string): DataDirOwner | 'missing' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Partial<DataDirOwner>;
    if (typeof parsed.pid !== 'number' || typeof parsed.startedAt !== 'string') return 'unreadable';
    return { command: '?', host: '?', ...parsed } as DataDirOwner;
  } catch {
    return 'unreadable';
  }
}

const sameOwner = (a: DataDirOwner, b: DataDirOwner) => a.pid === b.pid && a.startedAt === b.startedAt;

function isAlive(path: string, owner: DataDirOwner): boolean {
  // Our own pid in a lock we do not hold is a previous life of this container or machine, reusing the number.
  if (owner.pid === process.pid) return heldHere.has(path);
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const now = processStart(owner.pid);
  return !(owner.procStart && now && now !== owner.procStart);
}

/** Field 22 of /proc/PID/stat (start time in clock ticks since boot); undefined where there is no /proc. */
function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses; fields after the last ')' start at field 3.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function isYoung(path: string): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs < 500;
  } catch {
    return false;
  }
}

function sleep(ms: number) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
