import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../matching/core/deps.ts';
import { hasChromium, launchChromium } from '../support/chromium.ts';
import { makePersona, type Persona } from '../support/factories.ts';
import { type Call, startServer } from '../support/http.ts';
import { openTestDb } from '../support/test-db.ts';
import { testDeps } from '../support/test-deps.ts';

type Answer = { status: number; headers: Headers; body: any };

/** Every answer: no sniffing, no framing, no referrer, and never stored unless it is a public document. */
function expectLockedDown(res: Answer, cache = 'no-store') {
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('x-frame-options')).toBe('DENY');
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  expect(res.headers.get('cache-control')).toBe(cache);
  const csp = res.headers.get('content-security-policy') ?? '';
  for (const directive of ["default-src 'none'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'none'"]) {
    expect(csp).toContain(directive);
  }
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');
}

/** The page's CSP nonce, and a check that every inline style and script carries exactly that nonce. */
function expectNoncedPage(res: Answer): string {
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  const csp = res.headers.get('content-security-policy') ?? '';
  const nonce = /style-src 'nonce-([\w-]{22,})'/.exec(csp)?.[1] ?? '';
  expect(nonce).not.toBe('');
  const html: string = res.body;
  const tags = html.match(/<(style|script)\b[^>]*>/gi) ?? [];
  expect(tags.length).toBeGreaterThan(0);
  for (const tag of tags) expect(tag).toMatch(new RegExp(`^<(style|script) nonce="${nonce}">$`));
  expect(html).not.toMatch(/\sstyle=|\son[a-z]+=/i); // inline attributes would need 'unsafe-inline'
  return nonce;
}

describe('security headers on every answer (real HTTP)', () => {
  let drop: () => Promise<void>;
  let close: () => Promise<void>;
  let call: Call;
  let url: string;
  let ent: Persona;
  let admin: Persona;

  beforeAll(async () => {
    const handle = await openTestDb('pglite');
    drop = handle.drop;
    const deps: Deps = testDeps(handle.db);
    ({ call, close, url } = await startServer(deps, 2048));
    [ent, admin] = await Promise.all([makePersona(deps, 'enterprise'), makePersona(deps, 'admin')]);
  });
  afterAll(async () => {
    await close?.();
    await drop?.();
  });

  it('a JSON answer with records: nosniff, strict CSP, no-store', async () => {
    const res = await call('GET', '/v1/needs', { key: ent.key });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expectLockedDown(res);
    const created = await call('POST', '/v1/needs', {
      key: ent.key,
      body: {
        title: '整车热管理系统能效提升',
        description: '冬季续航衰减明显，希望引入CO2热泵提升低温制热能效30%以上',
      },
    });
    expect(created.status).toBe(201);
    expectLockedDown(created);
  });

  it('problem documents, from every layer, are no-store too', async () => {
    const answers: [Answer, number][] = [
      [await call('GET', '/v1/no-such-route', { key: ent.key }), 404],
      [await call('GET', '/nowhere'), 404],
      [await call('GET', '/v1/needs'), 401],
      [await call('POST', '/v1/needs', { key: ent.key, rawBody: 'x', headers: { 'content-type': 'text/plain' } }), 415],
      [await call('POST', '/v1/needs', { key: ent.key, body: { title: 'x'.repeat(4096) } }), 413],
      [await call('POST', '/v1/needs', { key: ent.key, body: { title: 1 } }), 400],
      [await call('GET', '/v1/admin/jobs', { key: ent.key }), 403],
    ];
    for (const [res, status] of answers) {
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expectLockedDown(res);
    }
  });

  it('/docs and /admin/jobs: a fresh nonce per response on every inline style and script, no-store', async () => {
    for (const path of ['/docs', '/admin/jobs']) {
      const first = await call('GET', path);
      const second = await call('GET', path);
      expectLockedDown(first);
      const nonce = expectNoncedPage(first);
      expect(expectNoncedPage(second)).not.toBe(nonce);
      expect(first.headers.get('content-security-policy')).toContain(`script-src 'nonce-${nonce}'`);
    }
  });

  it('the public OpenAPI document may be cached briefly; it still carries the other headers', async () => {
    const res = await call('GET', '/openapi.json');
    expect(res.status).toBe(200);
    expectLockedDown(res, 'public, max-age=300');
  });

  it('a route that sets its own Cache-Control keeps it (the key shown once)', async () => {
    const res = await call('POST', `/v1/users/${ent.userId}/keys`, { key: admin.key, body: {} });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.skipIf(!hasChromium)(
    'in headless Chromium both pages render and work under their CSP with no violation',
    async () => {
      // Installed before the page's own scripts: records every CSP violation the page causes.
      const recordViolations = `window.__violations = [];
        document.addEventListener('securitypolicyviolation', (e) =>
          window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));`;
      const browser = await launchChromium();
      try {
        const docs = await browser.openPage(`${url}/docs`, recordViolations);
        await docs.waitFor('document.readyState === "complete"');
        // The nonced stylesheet applied (body { max-width: 960px }).
        expect(await docs.eval('getComputedStyle(document.body).maxWidth')).toBe('960px');
        expect(await docs.eval('document.querySelectorAll("section.op").length')).toBeGreaterThan(10);
        expect(await docs.eval('JSON.stringify(window.__violations)')).toBe('[]');

        const jobs = await browser.openPage(`${url}/admin/jobs`, recordViolations);
        await jobs.waitFor('document.readyState === "complete" && !!document.getElementById("key")');
        expect(await jobs.eval('getComputedStyle(document.body).maxWidth')).toBe('1100px');
        // The nonced script runs and may call this origin: a wrong key is sent and refused.
        await jobs.eval(`(() => { document.getElementById('key').value = 'cak_wrong';
          document.getElementById('login').requestSubmit(); })()`);
        await jobs.waitFor('/not accepted/.test(document.getElementById("status").textContent)');
        expect(await jobs.eval('JSON.stringify(window.__violations)')).toBe('[]');

        // The detector is live and the policy is enforced: a style without the nonce is refused and reported.
        await jobs.eval(`(() => { const s = document.createElement('style');
          s.textContent = 'body { max-width: 10px }'; document.head.append(s); })()`);
        await jobs.waitFor('window.__violations.length > 0');
        expect(await jobs.eval('getComputedStyle(document.body).maxWidth')).toBe('1100px');
        expect(await jobs.eval('window.__violations[0]')).toMatch(/^style-src/);
      } finally {
        await browser.close();
      }
    },
    60_000,
  );
});
