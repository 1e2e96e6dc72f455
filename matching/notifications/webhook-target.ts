import type { LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { canonicalAddress, type WebhookTargetPolicy, wordsToIpv4 } from './webhook-target-policy.ts';

/** Why a target is refused: the `reason` a registration error carries. */
export type BlockedReason =
  | 'metadata'
  | 'loopback'
  | 'private'
  | 'link_local'
  | 'unique_local'
  | 'shared_address'
  | 'unspecified'
  | 'multicast'
  | 'reserved'
  | 'local_name';

type Family = 'ipv4' | 'ipv6';
type Range = readonly [network: string, prefix: number, family: Family];

/** Cloud instance metadata (AWS, GCP, Azure, Alibaba, Oracle, Tencent …): credentials live behind these. */
const metadataAddresses = ['169.254.169.254', '169.254.170.2', '100.100.100.200', '192.0.0.192', 'fd00:ec2::254'];
const metadataHosts = new Set([
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'instance-data',
  'instance-data.ec2.internal',
  'metadata.tencentyun.com',
]);

/** Not the public internet (IANA special-purpose registries); IPv4-mapped IPv6 matches the IPv4 rows. */
const ranges: Record<Exclude<BlockedReason, 'metadata' | 'local_name'>, Range[]> = {
  unspecified: [
    ['0.0.0.0', 8, 'ipv4'],
    ['::', 128, 'ipv6'],
  ],
  loopback: [
    ['127.0.0.0', 8, 'ipv4'],
    ['::1', 128, 'ipv6'],
  ],
  private: [
    ['10.0.0.0', 8, 'ipv4'],
    ['172.16.0.0', 12, 'ipv4'],
    ['192.168.0.0', 16, 'ipv4'],
  ],
  shared_address: [['100.64.0.0', 10, 'ipv4']],
  link_local: [
    ['169.254.0.0', 16, 'ipv4'],
    ['fe80::', 10, 'ipv6'],
  ],
  unique_local: [
    ['fc00::', 7, 'ipv6'],
    ['fec0::', 10, 'ipv6'],
  ],
  multicast: [
    ['224.0.0.0', 4, 'ipv4'],
    ['ff00::', 8, 'ipv6'],
  ],
  reserved: [
    ['192.0.0.0', 24, 'ipv4'],
    ['192.0.2.0', 24, 'ipv4'],
    ['198.18.0.0', 15, 'ipv4'],
    ['198.51.100.0', 24, 'ipv4'],
    ['203.0.113.0', 24, 'ipv4'],
    ['240.0.0.0', 4, 'ipv4'], // with 255.255.255.255, the broadcast address
    ['::', 96, 'ipv6'], // IPv4-compatible, deprecated
    ['100::', 64, 'ipv6'],
    ['2001:db8::', 32, 'ipv6'],
  ],
};

const metadata = new BlockList();
for (const address of metadataAddresses) metadata.addAddress(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
const blocked = Object.entries(ranges).map(([reason, list]) => {
  const blockList = new BlockList();
  for (const [network, prefix, family] of list) blockList.addSubnet(network, prefix, family);
  return { reason: reason as BlockedReason, blockList };
});
/** Prefixes that carry an IPv4 address inside (NAT64, 6to4): the inner address is judged too. */
const nat64 = new BlockList();
nat64.addSubnet('64:ff9b::', 96, 'ipv6');
const sixToFour = new BlockList();
sixToFour.addSubnet('2002::', 16, 'ipv6');

/** Null when the policy lets a webhook reach this IP address; otherwise why not. */
export function addressVerdict(address: string, policy: WebhookTargetPolicy): BlockedReason | null {
  const ip = canonicalAddress(address);
  const version = isIP(ip);
  if (version === 0) return 'reserved'; // a resolver answered something that is not an address
  const family: Family = version === 6 ? 'ipv6' : 'ipv4';
  if (metadata.check(ip, family)) return policy.exact.has(ip) ? null : 'metadata';
  if (policy.addresses.check(ip, family)) return null;
  const hit = blocked.find(({ blockList }) => blockList.check(ip, family));
  if (hit) return hit.reason;
  const inner = family === 'ipv6' ? embeddedIpv4(ip) : null;
  return inner ? addressVerdict(inner, policy) : null;
}

/** The host as a URL names it: brackets off IPv6, lower case, no trailing dot. */
export function targetHost(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
}

/**
 * What can be judged from the URL alone, at registration. WHATWG URL has already turned decimal, hex and
 * octal IPv4 spellings (`http://2130706433/`) into dotted form, so an address literal is judged as an address.
 */
export function urlVerdict(url: URL, policy: WebhookTargetPolicy): BlockedReason | null {
  const host = targetHost(url);
  if (isIP(host)) return addressVerdict(host, policy);
  if (policy.hosts.has(host)) return null;
  if (metadataHosts.has(host)) return 'metadata';
  if (host === 'localhost' || host.endsWith('.localhost')) return 'local_name';
  return null;
}

export type ResolveHost = (host: string) => Promise<LookupAddress[]>;

export const systemResolve: ResolveHost = (host) => lookup(host, { all: true, verbatim: true });

export type VettedTarget = { addresses: LookupAddress[] } | { blocked: BlockedReason };

/**
 * At delivery: resolve the name and judge every address it has, since a name registered as public may since
 * point inward. The caller connects to exactly these addresses, so a DNS answer that changes between this
 * check and the connection (rebinding) is never used.
 */
export async function vetTarget(
  url: URL,
  policy: WebhookTargetPolicy,
  resolve: ResolveHost = systemResolve,
): Promise<VettedTarget> {
  const reason = urlVerdict(url, policy);
  if (reason) return { blocked: reason };
  const host = targetHost(url);
  const version = isIP(host);
  if (version !== 0) return { addresses: [{ address: host, family: version }] };
  const addresses = await resolve(host);
  if (policy.hosts.has(host)) return { addresses };
  for (const { address } of addresses) {
    const verdict = addressVerdict(address, policy);
    if (verdict) return { blocked: verdict };
  }
  return { addresses };
}

/** The IPv4 address inside a NAT64 (last 32 bits) or 6to4 (bits 16–48) address, else null. */
function embeddedIpv4(ip: string): string | null {
  const words = expandIpv6(ip);
  if (!words) return null;
  if (nat64.check(ip, 'ipv6')) return wordsToIpv4(words[6] ?? '0', words[7] ?? '0');
  if (sixToFour.check(ip, 'ipv6')) return wordsToIpv4(words[1] ?? '0', words[2] ?? '0');
  return null;
}

function expandIpv6(ip: string): string[] | null {
  const [head = '', tail] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const words = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return words.length === 8 && words.every((w) => /^[0-9a-f]{1,4}$/.test(w)) ? words : null;
}
