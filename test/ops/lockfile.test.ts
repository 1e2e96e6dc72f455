import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;

type LockEntry = {
  version?: string;
  integrity?: string;
  os?: string[];
  cpu?: string[];
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
};
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  lockfileVersion: number;
  packages: Record<string, LockEntry>;
};
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;

/** Where Node would find `name` from the package at `from` (its own node_modules first, then up). */
function resolveInLock(from: string, name: string): string | undefined {
  for (let dir = from; ; dir = dir.replace(/\/?node_modules\/(@[^/]+\/)?[^/]+$/, '')) {
    const key = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
    if (lock.packages[key]) return key;
    if (!dir) return undefined;
  }
}

/** Every copy of a package in the lock (esbuild sits at several places, one per version range). */
const copiesOf = (name: string) =>
  Object.keys(lock.packages).filter((key) => key === `node_modules/${name}` || key.endsWith(`/node_modules/${name}`));

/** The platforms the README promises `npm ci` for; the registry has their builds, so the lock must name them. */
const platforms = [
  { os: 'darwin', cpu: 'arm64' },
  { os: 'darwin', cpu: 'x64' },
  { os: 'win32', cpu: 'x64' },
  { os: 'linux', cpu: 'arm64' },
  { os: 'linux', cpu: 'x64' },
] as const;

/** The packages with one native build per platform, each found through its parent's optionalDependencies. */
const nativeParents = ['@biomejs/biome', '@node-rs/jieba', 'esbuild', 'msgpackr-extract'];

describe('package-lock.json', () => {
  it('is a version 3 lock whose root entry matches package.json', () => {
    expect(lock.lockfileVersion).toBe(3);
    const rootEntry = lock.packages[''] as LockEntry & { devDependencies?: Record<string, string> };
    expect(rootEntry.dependencies).toEqual(manifest.dependencies);
    expect(rootEntry.devDependencies).toEqual(manifest.devDependencies);
  });

  it.each(nativeParents)('holds a build of %s for every supported platform', (parent) => {
    const parents = copiesOf(parent);
    expect(parents.length).toBeGreaterThan(0);
    for (const parentKey of parents) {
      const entry = lock.packages[parentKey] as LockEntry;
      const builds = Object.entries(entry.optionalDependencies ?? {}).flatMap(([name, range]) => {
        const key = resolveInLock(parentKey, name);
        const build = key ? lock.packages[key] : undefined;
        return build?.os && build.cpu ? [{ name, range, key, ...build }] : [];
      });
      for (const platform of platforms) {
        const match = builds.filter((b) => b.os?.includes(platform.os) && b.cpu?.includes(platform.cpu));
        expect(match.length, `${parentKey} has no ${platform.os}-${platform.cpu} build in the lock`).toBeGreaterThan(0);
        for (const build of match) {
          // Pinned to the parent's exact version and checkable: what npm ci on that machine will fetch.
          expect(build.version, `${build.key}`).toBe(build.range);
          expect(build.integrity, `${build.key}`).toMatch(/^sha512-/);
        }
      }
    }
  });

  it('names no dependency it does not hold (what npm 10 and 11 call "Missing: … from lock file")', () => {
    const missing = Object.entries(lock.packages).flatMap(([key, entry]) =>
      Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })
        .filter((name) => !resolveInLock(key, name))
        .map((name) => `${key || '(root)'} → ${name}`),
    );
    expect(missing).toEqual([]);
  });

  it('satisfies every range in it, peer ranges included (npm ls on the lock alone, as npm ci checks it)', async () => {
    // A copy without node_modules, so only the lock is read; an invalid peer (vite's esbuild) is what made
    // npm 10 place packages npm 11 had not, and refuse the lock.
    const dir = mkdtempSync(join(tmpdir(), 'ca-lock-'));
    for (const file of ['package.json', 'package-lock.json']) copyFileSync(join(root, file), join(dir, file));
    const { stdout } = await promisify(execFile)('npm', ['ls', '--all', '--package-lock-only', '--json'], {
      cwd: dir,
      maxBuffer: 64 * 1024 * 1024,
    }).catch((error: { stdout?: string; stderr?: string }) => {
      throw new Error(`npm ls found problems in the lock:\n${error.stderr ?? ''}`);
    });
    expect(JSON.parse(stdout).problems ?? []).toEqual([]);
  });

  it('pins the package manager and says which install scripts may run', () => {
    expect(manifest.packageManager).toMatch(/^npm@\d+\.\d+\.\d+$/);
    const devEngines = manifest.devEngines as { packageManager?: { name?: string; version?: string } };
    expect(devEngines.packageManager).toMatchObject({ name: 'npm', version: '>=10.9.0' });
    // esbuild's postinstall checks its binary; msgpackr-extract's would compile from source where no build fits.
    expect(manifest.allowScripts).toEqual({ esbuild: true, 'msgpackr-extract': false });
  });
});
