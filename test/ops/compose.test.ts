import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * No Docker engine here: docker-compose.yml, the Dockerfile and .dockerignore are checked by reading them
 * for the properties an operator relies on (signals reach node, drains finish, migrations run once, nothing
 * listens on every interface, no password in the file).
 */
const root = new URL('../../', import.meta.url).pathname;
const read = (file: string) => readFileSync(join(root, file), 'utf8');

type Service = {
  image?: string;
  build?: unknown;
  command?: string[];
  init?: boolean;
  restart?: string;
  profiles?: string[];
  ports?: string[];
  stop_grace_period?: string;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test?: string[]; disable?: boolean };
};
// merge: the services share one `x-app` block through YAML merge keys (<<), as Compose reads them.
const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service> };
const { services } = compose;
const appServices = ['migrate', 'api', 'worker'] as const;
const app = (name: (typeof appServices)[number]) => services[name] as Service;

/** Compose durations as the file writes them (`45s`, `1m30s`), in milliseconds. */
function durationMs(value: string | undefined): number {
  const match = /^(?:(\d+)m)?(?:(\d+)s)?$/.exec(value ?? '');
  if (!value || !match) throw new Error(`not a compose duration: ${value}`);
  return (Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0)) * 1000;
}

/** The deadline a process gives itself to drain after SIGTERM: its `setTimeout(() => process.exit(1), N)`. */
function drainDeadlineMs(script: string): number {
  const match = /setTimeout\(\(\) => process\.exit\(1\), ([\d_]+)\)/.exec(read(script));
  if (!match?.[1]) throw new Error(`${script}: no shutdown deadline found`);
  return Number(match[1].replaceAll('_', ''));
}

describe('docker-compose.yml', () => {
  it.each(appServices)('%s runs node from dist/ under an init, never npm or tsx', (name) => {
    const service = app(name);
    expect(service.init).toBe(true);
    expect(service.command?.[0]).toBe('node');
    expect(service.command?.[1]).toMatch(/^dist\/scripts\/[a-z-]+\.js$/);
  });

  it.each([
    ['worker', 'scripts/worker.ts'],
    ['api', 'scripts/start.ts'],
  ] as const)('gives %s a stop grace period longer than its drain deadline', (name, script) => {
    expect(durationMs(app(name).stop_grace_period)).toBeGreaterThan(drainDeadlineMs(script));
  });

  it('migrates once, before the api and the workers start', () => {
    expect(app('migrate').command).toEqual(['node', 'dist/scripts/migrate.js']);
    expect(app('migrate').restart).toBe('no');
    expect(app('migrate').depends_on?.postgres?.condition).toBe('service_healthy');
    expect(app('migrate').depends_on?.migrate).toBeUndefined();
    for (const name of ['api', 'worker'] as const) {
      expect(app(name).depends_on?.migrate?.condition).toBe('service_completed_successfully');
    }
  });

  it('checks the health of the api (/readyz) and of the worker (its METRICS_PORT)', () => {
    expect(app('api').healthcheck?.test?.join(' ')).toContain('127.0.0.1:3000/readyz');
    const metricsPort = app('worker').environment?.METRICS_PORT;
    expect(metricsPort).toMatch(/^\d+$/);
    expect(app('worker').healthcheck?.test?.join(' ')).toContain(`127.0.0.1:${metricsPort}/metrics`);
  });

  it('publishes ports on loopback unless BIND_ADDRESS says otherwise', () => {
    const published = Object.entries(services).flatMap(([name, s]) => (s.ports ?? []).map((p) => [name, p]));
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Compose's own interpolation, as the file writes it.
    expect(published).toEqual([['api', '${BIND_ADDRESS:-127.0.0.1}:${API_PORT:-3000}:3000']]);
  });

  it('takes credentials from the env file: no literal password anywhere', () => {
    const postgres = services.postgres as Service;
    expect(postgres.environment?.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?[^}]+\}$/);
    for (const name of appServices) {
      expect(app(name).environment?.DATABASE_URL).toMatch(
        /^postgres:\/\/\$\{POSTGRES_USER[^}]*\}:\$\{POSTGRES_PASSWORD:\?[^}]+\}@postgres:5432\//,
      );
    }
    // Anything that looks like `PASSWORD: value` or `user:secret@` with a literal value.
    expect(read('docker-compose.yml')).not.toMatch(/PASSWORD:\s*["']?[A-Za-z0-9]/);
    expect(read('docker-compose.yml')).not.toMatch(/\/\/[a-z]+:[A-Za-z0-9]+@/);
    expect(read('.env.example')).toMatch(/^POSTGRES_PASSWORD=$/m);
  });

  it('starts Qdrant only with its profile, and waits on nothing it does not use', () => {
    expect((services.qdrant as Service).profiles).toEqual(['qdrant']);
    for (const name of appServices) expect(Object.keys(app(name).depends_on ?? {})).not.toContain('qdrant');
  });

  it('pins every image to a release (no latest, no bare major)', () => {
    for (const [name, service] of Object.entries(services)) {
      if (service.build && !service.image) continue;
      expect(service.image, name).toMatch(/:v?\d+\.\d+\.\d+(-[a-z0-9.-]+)?$/);
    }
  });
});

describe('Dockerfile', () => {
  // Instructions only: the comments may name what the image deliberately avoids.
  const dockerfile = read('Dockerfile')
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .join('\n');
  const runtimeStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));

  it('builds on a Node 22 LTS image pinned to a release', () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:22\.\d+\.\d+-bookworm-slim$/m);
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(3);
  });

  it('runs as a non-root user, node as the command, with a health check', () => {
    expect(runtimeStage).toMatch(/^USER node$/m);
    expect(runtimeStage).toMatch(/^CMD \["node", "dist\/scripts\/start\.js"\]$/m);
    expect(runtimeStage).toMatch(/^HEALTHCHECK .*\n?.*\/readyz/m);
    expect(runtimeStage).not.toMatch(/tsx|npm (start|run)/);
  });

  it('installs from the lock with no fallback, and ships production dependencies only', () => {
    expect(dockerfile).toContain('npm ci');
    expect(dockerfile).not.toMatch(/npm install\b/);
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
    expect(runtimeStage).not.toMatch(/COPY (--chown=\S+ )?\. /);
  });
});

describe('.dockerignore', () => {
  const lines = read('.dockerignore')
    .split('\n')
    .filter((line) => line && !line.startsWith('#'));
  const allowed = lines.filter((line) => line.startsWith('!')).map((line) => line.slice(1).replace(/\/$/, ''));

  it('lets in only what the image is built from', () => {
    expect(lines[0]).toBe('*');
    expect(allowed.sort()).toEqual(
      [
        'api',
        'matching',
        'package-lock.json',
        'package.json',
        'schema',
        'scripts',
        'tsconfig.build.json',
        'tsconfig.json',
        'workers',
      ].sort(),
    );
    for (const secretOrJunk of ['.env', 'test', 'data', 'node_modules', 'dist', '.git', '.scratch', 'test-artifacts']) {
      expect(allowed).not.toContain(secretOrJunk);
    }
    expect(lines).toContain('**/.env');
  });

  it('holds every file the Dockerfile copies from the context', () => {
    const copied = [...read('Dockerfile').matchAll(/^COPY (?!--from)(?:--chown=\S+ )?(.+) \S+$/gm)].flatMap((m) =>
      (m[1] ?? '').split(' '),
    );
    expect(copied.length).toBeGreaterThan(0);
    for (const source of copied) expect(allowed, source).toContain(source.replace(/^\.\//, ''));
  });
});
