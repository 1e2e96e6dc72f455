import net from 'node:net';

export type ServiceCheck = { available: boolean; url: string | undefined; reason: string };

/** A TCP connect is enough to tell "not running" from "running"; the suites then use the real client. */
async function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port) || 0 }, () => {
      socket.end();
      resolve(true);
    });
    socket.setTimeout(1500, () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', () => resolve(false));
  });
}

/**
 * Decides whether a service suite runs. Skips say why in one line; with REQUIRE_SERVICES=1 (CI) a missing
 * service fails the run instead of silently skipping it.
 */
export async function checkService(envName: 'TEST_DATABASE_URL' | 'TEST_REDIS_URL'): Promise<ServiceCheck> {
  const url = process.env[envName];
  const required = process.env.REQUIRE_SERVICES === '1';
  let reason = '';
  if (!url) reason = `${envName} is not set`;
  else if (!(await reachable(url))) reason = `${envName} (${new URL(url).host}) is not reachable`;
  if (!reason) return { available: true, url, reason: '' };
  if (required) throw new Error(`REQUIRE_SERVICES=1 but ${reason}`);
  console.warn(`[skip] ${envName} suites skipped: ${reason}`);
  return { available: false, url, reason };
}
