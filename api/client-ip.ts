import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * The caller's address as the limiter counts it. `trustedProxyHops` is how many reverse proxies stand in front
 * of us: 0 takes the socket address and ignores X-Forwarded-For (anyone can write that header); n takes the
 * address the n-th proxy saw, counted from the right of X-Forwarded-For, since each proxy appends what it saw
 * and only the entries our own proxies added can be believed.
 */
export function clientIp(c: Context, trustedProxyHops: number): string {
  const socket = socketAddress(c);
  if (trustedProxyHops <= 0) return ipBucket(socket);
  const forwarded = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const chain = [...forwarded, socket];
  return ipBucket(chain[chain.length - 1 - trustedProxyHops] ?? chain[0] ?? socket);
}

function socketAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // Not served by @hono/node-server (app.request() in a test): one shared bucket is the safe answer.
    return 'unknown';
  }
}

/**
 * IPv4 addresses count one by one; IPv6 ones by their /64, because one subscriber is handed a whole /64 and
 * could otherwise take a fresh address for every guess.
 */
export function ipBucket(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (!address.includes(':')) return address;
  const groups = expandIpv6(address.split('%')[0] ?? address);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : address;
}

function expandIpv6(address: string): string[] | undefined {
  const [head = '', tail, ...rest] = address.toLowerCase().split('::');
  if (rest.length > 0) return undefined;
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
  const groups = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right];
  if (!groups.every((group) => /^[0-9a-f]{1,4}$/.test(group))) return undefined;
  return groups.map((group) => group.replace(/^0+(?=.)/, ''));
}
