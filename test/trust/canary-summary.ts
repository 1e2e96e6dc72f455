import type { Audience } from './canary-audit.ts';
import { type CrawlLog, describeExposure, type Exposure } from './canary-crawl.ts';
import { exportRoutes, undocumentedPages } from './canary-routes.ts';
import type { CanaryWorld } from './canary-world.ts';

type SummaryInput = {
  world: CanaryWorld;
  people: readonly Audience[];
  gets: CrawlLog;
  posts: CrawlLog;
  stored: readonly Exposure[];
  documented: readonly string[];
  timings: Record<string, number>;
};

const forbidden = (log: CrawlLog, a: Audience) =>
  log.exposures.filter((e) => e.caller === a.caller.label && a.forbidden.some((c) => c.label === e.canary));

/** The numbers for the closing note: what was crawled, as whom, and every hit with route, caller and field. */
export function printSummary(
  backend: string,
  { world, people, gets, posts, stored, documented, timings }: SummaryInput,
) {
  const urls = gets.requests / Math.max(1, people.length);
  const lines = [
    `canary crawl on ${backend}`,
    `  routes: ${documented.length} documented GET templates + ${undocumentedPages.length} undocumented pages + ` +
      `${exportRoutes.length} export routes = ${gets.templates.size} distinct templates, ${urls} URLs (ids × filter variants)`,
    `  callers: ${people.length}; GET requests: ${gets.requests} (${urls} × ${people.length}); ` +
      `POST requests (mark read, read-all): ${posts.requests}`,
    `  time: ${Object.entries(timings)
      .map(([phase, ms]) => `${phase} ${(ms / 1000).toFixed(1)} s`)
      .join(', ')}`,
    `  tokens planted: ${world.plant.need.canaries.length} in the need, ${world.plant.achievement.canaries.length} in the achievement, ${world.plant.shared.length} shared by both`,
    '  caller | requests | 2xx | forbidden hits (GET+POST) | entitled tokens seen',
  ];
  for (const a of people) {
    const counts = gets.perCaller.get(a.caller.label) ?? { requests: 0, ok: 0 };
    const hits = forbidden(gets, a).length + forbidden(posts, a).length;
    const seen = new Set(gets.exposures.filter((e) => e.caller === a.caller.label).map((e) => e.canary));
    const entitled = a.entitled.filter((c) => seen.has(c.label)).length;
    lines.push(`  ${a.caller.label} | ${counts.requests} | ${counts.ok} | ${hits} | ${entitled}/${a.entitled.length}`);
  }
  const hits = [...people.flatMap((a) => [...forbidden(gets, a), ...forbidden(posts, a)]), ...stored];
  lines.push(`  inbox rows, webhook deliveries (received + stored), log lines: ${stored.length} hits`);
  lines.push(`  TOTAL forbidden hits: ${hits.length}`);
  for (const hit of hits) lines.push(`    HIT ${describeExposure(hit)}`);
  console.log(lines.join('\n'));
}
