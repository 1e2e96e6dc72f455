import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAchievement } from '../../matching/achievements/create-achievement.ts';
import { createApiKey } from '../../matching/admin/create-api-key.ts';
import { createUser } from '../../matching/admin/create-user.ts';
import type { Deps } from '../../matching/core/deps.ts';
import { impressions } from '../../schema/impressions.ts';
import { needs } from '../../schema/needs.ts';
import { organisations } from '../../schema/organisations.ts';
import { outbox } from '../../schema/outbox.ts';
import { suggestions } from '../../schema/suggestions.ts';
import { createRunner, type JobSystem } from '../../scripts/create-runner.ts';
import { productionCatalog } from '../../workers/processors.ts';
import { chromiumPath, hasChromium } from '../support/chromium.ts';
import { makePersona, type Persona, sampleAchievement, sampleNeed } from '../support/factories.ts';
import { startServer } from '../support/http.ts';
import { checkService } from '../support/services.ts';
import { openTestDb } from '../support/test-db.ts';
import { testDeps } from '../support/test-deps.ts';

const database = await checkService('TEST_DATABASE_URL');
const artifacts = join(process.cwd(), 'test-artifacts', 'pages');
const need = sampleNeed({ title: '印染废水膜处理回用技术需求（浏览器测试）' });

/** Waits for a condition on the database, as the background jobs get there. */
async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * The first browser flow of issue 11, in Debian's Chromium driven by playwright-core, against the real app on a
 * real port, PostgreSQL, and the in-process job runner with the production processors: an enterprise posts a
 * need through the form, the jobs match and route it, a manager claims, accepts and moves it to contacted, and
 * the enterprise and institution see the pair. A console error, a page error, a failed request or any answer
 * of 400 or more fails the test. A screenshot of every page goes to test-artifacts/pages/.
 */
describe.skipIf(!hasChromium || !database.available)('pages in a real browser', () => {
  let drop: () => Promise<void>;
  let close: () => Promise<void>;
  let jobs: JobSystem;
  let browser: Browser;
  let url: string;
  let deps: Deps;
  let ent: Persona;
  let inst: Persona;
  let managerKey: string;
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    const handle = await openTestDb('postgres', database.url);
    drop = handle.drop;
    deps = testDeps(handle.db);
    jobs = createRunner({ REDIS_URL: undefined }, deps, productionCatalog(), { role: 'api', slaSweepEveryMs: 0 });
    deps.workRecorded = () => jobs.wake();
    await jobs.start();
    ({ url, close } = await startServer(deps));
    [ent, inst] = await Promise.all([
      makePersona(deps, 'enterprise', '湖州织染科技有限公司'),
      makePersona(deps, 'institution', '浙江某大学环境学院'),
    ]);
    const [agency] = await deps.db
      .insert(organisations)
      .values({ name: '湖州技术转移中心', kind: 'agency' })
      .returning();
    if (!agency) throw new Error('no agency');
    const manager = await createUser({
      deps,
      actor: 'system',
      input: { orgId: agency.id, name: '张经理', role: 'manager', manager: { chains: ['textile'] } },
    });
    managerKey = (await createApiKey({ deps, actor: 'system', userId: manager.id, input: {} })).key;
    await createAchievement({ deps, actor: inst, input: sampleAchievement() });
    await eventually('the achievement to be indexed', async () => {
      const open = await deps.db.select().from(outbox).where(eq(outbox.status, 'pending'));
      return open.length === 0 ? true : undefined;
    });
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await jobs?.stop({ drain: false });
    await close?.();
    await drop?.();
  });

  /** A browser of its own (cookies), with every console error, page error and failed request collected. */
  async function personOpens(options: { phone?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: options.phone ? { width: 390, height: 844 } : { width: 1280, height: 900 },
      ...(options.phone ? { isMobile: true, hasTouch: true } : {}),
    });
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) =>
      problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`),
    );
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
    });
    return { context, page };
  }

  const shoot = (page: Page, name: string) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });

  async function signIn(page: Page, key: string) {
    await page.goto(`${url}/app/sign-in`);
    await page.fill('input[name=key]', key);
    await Promise.all([
      page.waitForURL((u) => !u.pathname.endsWith('/sign-in')),
      page.click('main button[type=submit]'),
    ]);
  }

  it('an enterprise posts a need, a manager claims, accepts and contacts it, both parties follow it', async () => {
    // The enterprise posts its need through the form.
    const enterprise = await personOpens();
    await enterprise.page.goto(`${url}/app/sign-in`);
    await shoot(enterprise.page, '01-sign-in');
    await signIn(enterprise.page, ent.key);
    expect(new URL(enterprise.page.url()).pathname).toBe('/app/needs');
    await enterprise.page.click('main a[href="/app/needs/new"]');
    const form = enterprise.page.locator('#need-form');
    await form.locator('input[name=title]').fill(need.title);
    await form.locator('textarea[name=description]').fill(need.description);
    await form.locator('select[name=chainId]').selectOption('textile');
    await form.locator('input[name=keywords]').fill(need.keywords.join('，'));
    await form.locator('input[name=trlMin]').fill('5');
    await form.locator('input[name=trlMax]').fill('8');
    await form.locator('input[name=budgetMin]').fill('100');
    await form.locator('input[name=budgetMax]').fill('300');
    await form.locator('input[name=deadline]').fill('2027-06-30');
    await form.locator('input[name=cooperationModes][value=joint_development]').check();
    await form.locator('input[name=confidentiality][value=public]').check();
    await form.locator('input[name=privateFields][value=budgetMax]').check();
    await shoot(enterprise.page, '02-enterprise-need-form');
    await Promise.all([
      enterprise.page.waitForURL(/\/app\/needs\/[0-9a-f-]{36}$/),
      form.locator('button[type=submit]').click(),
    ]);
    const needId = new URL(enterprise.page.url()).pathname.split('/').pop() ?? '';
    const [stored] = await deps.db.select().from(needs).where(eq(needs.id, needId));
    expect(stored).toMatchObject({
      orgId: ent.orgId,
      title: need.title,
      chainId: 'textile',
      keywords: need.keywords,
      trlMin: 5,
      trlMax: 8,
      budgetMin: 100,
      budgetMax: 300,
      deadline: '2027-06-30',
      cooperationModes: ['joint_development'],
      confidentiality: 'public',
      privateFields: ['budgetMax'],
    });
    await shoot(enterprise.page, '03-enterprise-need-posted');

    // The in-process jobs ingest, match and route it.
    const routed = await eventually('the need to be matched and routed', async () => {
      const [pair] = await deps.db
        .select()
        .from(suggestions)
        .where(and(eq(suggestions.needId, needId), eq(suggestions.stage, 'routed')));
      return pair;
    });

    // The manager works it from the workbench.
    const manager = await personOpens();
    await signIn(manager.page, managerKey);
    expect(new URL(manager.page.url()).pathname).toBe('/app/queue');
    const group = manager.page.locator(`section.need-group[data-need-id="${needId}"]`);
    await expect(group.locator('h2').textContent()).resolves.toContain(need.title);
    await shoot(manager.page, '04-manager-queue');
    // What the workbench showed is an impression from the page surface, as the API's queue records its own.
    const shown = await deps.db.select().from(impressions).where(eq(impressions.suggestionId, routed.id));
    expect(shown.map((row) => row.surface)).toContain('page');
    await manager.page.selectOption('form.filters select[name=chain]', 'textile');
    await Promise.all([
      manager.page.waitForURL(/chain=textile/),
      manager.page.click('form.filters button[type=submit]'),
    ]);
    expect(await group.count()).toBe(1);
    await Promise.all([
      manager.page.waitForURL(`${url}/app/pairs/${routed.id}`),
      group.locator(`tr[data-pair-id="${routed.id}"] a`).click(),
    ]);
    expect(await manager.page.locator('.side-by-side section').count()).toBe(2);
    expect(await manager.page.locator('#explanation meter').count()).toBeGreaterThan(0);
    await shoot(manager.page, '05-manager-pair-routed');
    await Promise.all([manager.page.waitForLoadState('load'), manager.page.click('#claim-form button')]);
    await manager.page.waitForSelector('#accept-form');
    await manager.page.fill('#accept-form textarea[name=note]', '技术路线吻合，安排对接');
    await Promise.all([manager.page.waitForLoadState('load'), manager.page.click('#accept-form button')]);
    await manager.page.waitForSelector('#stage-form');
    await manager.page.selectOption('#stage-form select[name=to]', 'contacted');
    await Promise.all([manager.page.waitForLoadState('load'), manager.page.click('#stage-form button')]);
    await manager.page.waitForSelector('.stage[data-stage="contacted"]');
    const history = await manager.page.locator('#history tbody tr').allTextContents();
    expect(history.join('\n')).toMatch(/已认领[\s\S]*已采纳[\s\S]*已对接/);
    await shoot(manager.page, '06-manager-pair-contacted');
    const [worked] = await deps.db.select().from(suggestions).where(eq(suggestions.id, routed.id));
    expect(worked?.stage).toBe('contacted');

    // The enterprise sees the accepted achievement, its stage and who to talk to.
    await enterprise.page.reload();
    const suggestion = enterprise.page.locator(`section.suggestion[data-suggestion-id="${routed.id}"]`);
    await expect(suggestion.locator('.stage').getAttribute('data-stage')).resolves.toBe('contacted');
    await expect(suggestion.locator('dl.contact').textContent()).resolves.toContain('浙江某大学环境学院');
    await shoot(enterprise.page, '07-enterprise-need-accepted');
    await enterprise.page.click('main a[href="/app/needs"], header a[href="/app/needs"]');
    await expect(enterprise.page.locator(`tr[data-need-id="${needId}"]`).textContent()).resolves.toContain('已匹配');
    await shoot(enterprise.page, '08-enterprise-needs');

    // The institution sees its achievement and the pair.
    const institution = await personOpens();
    await signIn(institution.page, inst.key);
    await shoot(institution.page, '09-institution-achievements');
    await institution.page.click('#achievements tbody a');
    await expect(institution.page.locator(`[data-suggestion-id="${routed.id}"]`).textContent()).resolves.toContain(
      need.title,
    );
    await shoot(institution.page, '10-institution-achievement');

    // On a phone, in English.
    const phone = await personOpens({ phone: true });
    await signIn(phone.page, managerKey);
    await phone.page.goto(`${url}/app/pairs/${routed.id}`);
    await Promise.all([phone.page.waitForURL(`${url}/app/pairs/${routed.id}`), phone.page.click('#lang-switch')]);
    expect(await phone.page.getAttribute('html', 'lang')).toBe('en');
    await expect(phone.page.locator('h2').first().textContent()).resolves.toBe('Why this pair');
    const width = await phone.page.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);
    await shoot(phone.page, '11-phone-pair-english');

    for (const { context } of [enterprise, manager, institution, phone]) await context.close();
    expect(problems).toEqual([]);
  }, 240_000);
});
