import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { achievements } from '../../schema/achievements.ts';
import { apiKeys } from '../../schema/api-keys.ts';
import { needs } from '../../schema/needs.ts';
import { notifications, webhooks } from '../../schema/notifications.ts';
import { organisations } from '../../schema/organisations.ts';
import { suggestions } from '../../schema/suggestions.ts';
import { users } from '../../schema/users.ts';
import type { Backend } from '../support/test-db.ts';
import { type Audience, audiences, inboxExposures, logExposures, webhookExposures } from './canary-audit.ts';
import {
  type CrawlLog,
  type CrawlRequest,
  crawl,
  describeExposure,
  type Exposure,
  emptyCrawlLog,
} from './canary-crawl.ts';
import { readableTargets } from './canary-routes.ts';
import { printSummary } from './canary-summary.ts';
import { buildCanaryWorld, type CanaryWorld } from './canary-world.ts';

/** Every id the world holds, of every kind: path ids are filled with all of them, whatever the route expects. */
async function knownIds(world: CanaryWorld): Promise<string[]> {
  const { db } = world.deps;
  const tables = [needs, achievements, suggestions, notifications, users, organisations, webhooks, apiKeys] as const;
  const lists = await Promise.all(tables.map((table) => db.select({ id: table.id }).from(table)));
  return [...new Set(lists.flat().map((row) => row.id))];
}

const forbiddenHits = (log: CrawlLog, people: readonly Audience[]) =>
  log.exposures.filter((e) =>
    people.some((a) => a.caller.label === e.caller && a.forbidden.some((c) => c.label === e.canary)),
  );

/**
 * The canary crawl: confidential tokens planted in a need and an achievement that the real pipeline pairs,
 * then every readable route, every id, every filter, as every caller who may not see them — plus inboxes,
 * webhook deliveries and the log. The entitled audiences must see every token, so a silent crawl means
 * something.
 */
export function canarySuite(backend: Backend, serverUrl?: string) {
  describe(`canary crawl on ${backend}`, () => {
    let world: CanaryWorld;
    let people: Audience[];
    const gets = emptyCrawlLog();
    const posts = emptyCrawlLog();
    const stored: Exposure[] = [];
    let documented: string[] = [];
    const timings: Record<string, number> = {};

    beforeAll(async () => {
      let started = performance.now();
      world = await buildCanaryWorld(backend, serverUrl);
      timings.pipeline = performance.now() - started;
      started = performance.now();
      people = audiences(world);
      const canaries = world.plant.all;
      const ids = await knownIds(world);
      const doc = (await world.call('GET', '/openapi.json')).body;
      const { targets, documented: templates } = readableTargets(doc, ids, {
        q: ['canary', '印染废水'],
        orgId: [world.ent.orgId, world.inst.orgId],
        chain: [world.chain],
        uuid: [world.ids.need, world.ids.achievement, world.ids.suggestion, world.ent.orgId, world.inst.orgId],
      });
      documented = templates;
      const callers = people.map((a) => a.caller);
      const getRequests: CrawlRequest[] = targets.map((t) => ({ method: 'GET', ...t }));
      await crawl(world.call, callers, getRequests, canaries, gets);
      // Writes last: marking read changes what later reads return.
      const inbox = await world.deps.db.select({ id: notifications.id }).from(notifications);
      const postRequests: CrawlRequest[] = [
        ...inbox.map((n) => ({
          method: 'POST' as const,
          template: '/v1/notifications/{id}/read',
          path: `/v1/notifications/${n.id}/read`,
        })),
        { method: 'POST', template: '/v1/notifications/read-all', path: '/v1/notifications/read-all' },
      ];
      await crawl(world.call, callers, postRequests, canaries, posts);
      timings.crawl = performance.now() - started;
    }, 120_000);

    afterAll(async () => {
      if (world) printSummary(backend, { world, people, gets, posts, stored, documented, timings });
      await world?.close();
    });

    it('runs the real pipeline: the canary pair is matched, routed, worked to poc and notified', () => {
      expect(world.workflow).toEqual([
        { step: 'claim', status: 200 },
        { step: 'accept', status: 200 },
        { step: 'contacted', status: 200 },
        { step: 'poc', status: 200 },
      ]);
      // The shared keyword is one of the pair's shared terms: explanations carry a token a leak would show.
      const shared = world.plant.shared.map((c) => c.token.toLowerCase());
      expect(JSON.stringify(world.explanation).toLowerCase()).toContain(shared[0]);
      // accepted, contacted, poc: each party's webhook is told of each, with a signature that verifies.
      for (const receiver of [world.receivers.enterprise, world.receivers.institution]) {
        expect(receiver.received.length).toBeGreaterThanOrEqual(3);
        expect(receiver.received.every((d) => d.verified)).toBe(true);
      }
    });

    it('crawls every documented GET route, and every caller gets real answers', () => {
      expect(documented).toEqual(expect.arrayContaining(['/v1/needs/{id}', '/v1/queue', '/v1/notifications']));
      expect(documented.filter((template) => !gets.templates.has(`GET ${template}`))).toEqual([]);
      for (const a of people.filter((p) => p.caller.key)) {
        expect(gets.perCaller.get(a.caller.label)?.ok, a.caller.label).toBeGreaterThan(20);
      }
    });

    it('shows the entitled audiences every token, so the crawl is not vacuous', () => {
      for (const a of people.filter((p) => p.entitled.length > 0)) {
        const seen = new Set(gets.exposures.filter((e) => e.caller === a.caller.label).map((e) => e.canary));
        expect(
          a.entitled.map((c) => c.label).filter((label) => !seen.has(label)),
          `${a.caller.label} never saw`,
        ).toEqual([]);
      }
    });

    it('shows no caller a confidential token on any readable route', () => {
      expect(forbiddenHits(gets, people).map(describeExposure)).toEqual([]);
    });

    it('shows no caller a confidential token in what marking notifications read answers', () => {
      expect(posts.requests).toBeGreaterThan(people.length);
      expect(forbiddenHits(posts, people).map(describeExposure)).toEqual([]);
    });

    it('writes no confidential token into another party’s inbox rows', async () => {
      const { rows, exposures } = await inboxExposures(world);
      stored.push(...exposures);
      // Both parties and the manager were notified of accept, contacted and poc: there are rows to read.
      for (const who of [world.ent, world.inst, world.assigned]) {
        expect(rows.filter((r) => r.userId === who.userId).length, who.name).toBeGreaterThanOrEqual(3);
      }
      expect(exposures.map(describeExposure)).toEqual([]);
    });

    it('sends no confidential token to the counterpart’s webhook, received or stored', async () => {
      const { stored: rows, exposures } = await webhookExposures(world);
      stored.push(...exposures);
      expect(rows.length).toBeGreaterThanOrEqual(6);
      expect(exposures.map(describeExposure)).toEqual([]);
    });

    it('logs no confidential token, at trace level', () => {
      const exposures = logExposures(world);
      stored.push(...exposures);
      expect(world.logLines.length).toBeGreaterThan(gets.requests);
      expect(exposures.map(describeExposure)).toEqual([]);
    });

    it('answers no crawled request with a 5xx', () => {
      expect([...gets.serverErrors, ...posts.serverErrors]).toEqual([]);
    });
  });
}
