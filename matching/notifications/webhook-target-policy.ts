import { BlockList, isIP } from 'node:net';
import { z } from 'zod';

/**
 * Where webhooks may point beyond the public internet. By default nowhere: a receiver on a private, loopback
 * or metadata address would let any organisation make this service call into its own network (SSRF). An
 * on-premises deployment names its internal receivers in WEBHOOK_ALLOW_HOSTS.
 */
export type WebhookTargetPolicy = {
  /** Host names (lower case, no trailing dot) trusted whatever they resolve to. */
  hosts: ReadonlySet<string>;
  /** Addresses and ranges trusted although they are not public. */
  addresses: BlockList;
  /** Addresses named one by one: only these can open a cloud-metadata address, never a wide range. */
  exact: ReadonlySet<string>;
};

const hostName = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

type AllowEntry =
  | { kind: 'host'; host: string }
  | { kind: 'address'; address: string; family: 'ipv4' | 'ipv6' }
  | { kind: 'range'; network: string; prefix: number; family: 'ipv4' | 'ipv6' };

function parseEntry(text: string): AllowEntry | null {
  const entry = text.trim().toLowerCase().replace(/\.$/, '');
  const [network = '', prefixText, ...rest] = entry.split('/');
  const version = isIP(network);
  const family = version === 6 ? 'ipv6' : 'ipv4';
  if (prefixText === undefined) {
    if (version === 0) return hostName.test(entry) ? { kind: 'host', host: entry } : null;
    const address = canonicalAddress(network);
    return { kind: 'address', address, family: isIP(address) === 6 ? 'ipv6' : 'ipv4' };
  }
  const prefix = Number(prefixText);
  const bits = version === 6 ? 128 : 32;
  if (version === 0 || rest.length > 0 || !/^\d{1,3}$/.test(prefixText) || prefix > bits) return null;
  return { kind: 'range', network, prefix, family };
}

/** The config form: comma-separated host names, IP addresses and CIDR ranges; each one checked at start-up. */
export const webhookAllowHosts = z
  .string()
  .default('')
  .transform((text) =>
    text
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().refine((entry) => parseEntry(entry) !== null, 'not a host name, IP address or CIDR')));

/** Builds the policy from allow-list entries; an entry that is none of host, address or range is an error. */
export function webhookTargetPolicy(entries: readonly string[] = []): WebhookTargetPolicy {
  const hosts = new Set<string>();
  const exact = new Set<string>();
  const addresses = new BlockList();
  for (const text of entries) {
    const entry = parseEntry(text);
    if (!entry) throw new Error(`not a host name, IP address or CIDR: ${text}`);
    if (entry.kind === 'host') hosts.add(entry.host);
    else if (entry.kind === 'address') {
      exact.add(entry.address);
      addresses.addAddress(entry.address, entry.family);
    } else addresses.addSubnet(entry.network, entry.prefix, entry.family);
  }
  return { hosts, addresses, exact };
}

/** Public addresses only: what applies when nothing is configured. */
export const publicTargetsOnly: WebhookTargetPolicy = webhookTargetPolicy();

/** The deployment's policy, or public targets only where none was configured (tests, scripts). */
export const webhookPolicyOf = (deps: { webhookPolicy?: WebhookTargetPolicy | undefined }) =>
  deps.webhookPolicy ?? publicTargetsOnly;

/**
 * One spelling per address, so `0:0::1` and `::1`, or `::ffff:127.0.0.1` and `127.0.0.1`, are the same entry:
 * WHATWG URL's form, with IPv4-mapped IPv6 turned into the IPv4 address it stands for.
 */
export function canonicalAddress(address: string): string {
  const [ip = ''] = address.split('%'); // a zone index names an interface, not another address
  if (isIP(ip) !== 6) return ip;
  const canonical = new URL(`http://[${ip}]/`).hostname.slice(1, -1);
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  return mapped ? wordsToIpv4(mapped[1] ?? '0', mapped[2] ?? '0') : canonical;
}

/** Two 16-bit hex words as a dotted IPv4 address. */
export function wordsToIpv4(high: string, low: string): string {
  const h = Number.parseInt(high, 16);
  const l = Number.parseInt(low, 16);
  return [h >> 8, h & 255, l >> 8, l & 255].join('.');
}
