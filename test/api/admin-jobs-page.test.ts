import { Script } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../matching/core/deps.ts';
import { outbox } from '../../schema/outbox.ts';
import { hasChromium, launchChromium } from '../support/chromium.ts';
import { makePersona, type Persona } from '../support/factories.ts';
import { type Call, startServer } from '../support/http.ts';
import { openTestDb } from '../support/test-db.ts';
import { testDeps } from '../support/test-deps.ts';

const hostileError = 'ValidationError <img src=x onerror="window.pwned=1">';

describe('GET /admin/jobs (dashboard page)', () => {
  let drop: () => Promise<void>;
  let close: () => Promise<void>;
  let call: Call;
  let url: string;
  let admin: Persona;
  let ent: Persona;

  beforeAll(async () => {
    const handle = await openTestDb('pglite');
    drop = handle.drop;
    const jobQueue = { kind: 'inprocess', counts: async () => ({ waiting: 5, active: 1, delayed: 0 }) };
    const deps = { ...testDeps(handle.db), jobQueue } as Deps;
    ({ call, close, url } = await startServer(deps));
    [admin, ent] = await Promise.all([makePersona(deps, 'admin'), makePersona(deps, 'enterprise')]);
    const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);
    await deps.db.insert(outbox).values([
      { job: 'ingest', jobKey: 'ingest-need-x', payload: { id: 'x' }, status: 'done', finishedAt: ago(1) },
      { job: 'match', jobKey: 'match-need-stuck', payload: { id: 'y' }, status: 'dispatched', dispatchedAt: ago(60) },
      {
        job: 'route',
        jobKey: 'route-failed-1',
        payload: { id: 'z' },
        status: 'failed',
        attempts: 3,
        lastError: hostileError,
        finishedAt: ago(2),
      },
    ]);
  });
  afterAll(async () => {
    await close?.();
    await drop?.();
  });

  it('is a self-contained page: no external script, stylesheet or key, locked down by its CSP', async () => {
    const res = await call('GET', '/admin/jobs', { key: admin.key });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html: string = res.body;
    expect(html).toContain('/v1/admin/jobs');
    expect(html).toContain('sessionStorage');
    expect(html).not.toContain(admin.key);
    expect(html).not.toMatch(/<script[^>]*\bsrc=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/https?:\/\//);
    // The key input has no name, so even a form submitted without the script never puts it in a URL.
    expect(html).toMatch(/<input id="key" type="password"(?![^>]*\bname=)[^>]*>/);

    const csp = res.headers.get('content-security-policy') ?? '';
    const nonce = /script-src 'nonce-([\w-]+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("form-action 'none'");
    expect(html).toContain(`<script nonce="${nonce}">`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    // A fresh nonce per response.
    const again = await call('GET', '/admin/jobs');
    expect(again.headers.get('content-security-policy')).not.toBe(csp);

    // The inline script at least parses.
    const script = /<script nonce="[^"]+">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(script.length).toBeGreaterThan(100);
    expect(() => new Script(script)).not.toThrow();
  });

  it('needs no key to load, and the data behind it stays admin-only', async () => {
    expect((await call('GET', '/admin/jobs')).status).toBe(200);
    expect((await call('GET', '/v1/admin/jobs', { key: ent.key })).status).toBe(403);
  });

  it.skipIf(!hasChromium)(
    'in headless Chromium: asks for the key, then shows queue, stuck work and failures as text',
    async () => {
      const browser = await launchChromium();
      try {
        const page = await browser.openPage(`${url}/admin/jobs`);
        await page.waitFor('document.readyState === "complete" && !!document.getElementById("key")');
        expect(await page.eval('document.getElementById("data").hidden')).toBe(true);

        // A wrong key: rejected, forgotten, the form comes back.
        await page.eval(`(() => { document.getElementById('key').value = 'cak_wrong';
          document.getElementById('login').requestSubmit(); })()`);
        await page.waitFor('/not accepted/.test(document.getElementById("status").textContent)');
        expect(await page.eval('sessionStorage.length')).toBe(0);

        await page.eval(`(() => { document.getElementById('key').value = ${JSON.stringify(admin.key)};
          document.getElementById('login').requestSubmit(); })()`);
        await page.waitFor('!document.getElementById("data").hidden');
        const view = (await page.eval(`JSON.stringify({
          waiting: document.getElementById('t-waiting').textContent,
          active: document.getElementById('t-active').textContent,
          failed: document.getElementById('t-failed').textContent,
          stuck: document.getElementById('t-stuck').textContent,
          byJob: document.getElementById('by-job').textContent,
          stuckRows: document.getElementById('stuck').textContent,
          failures: document.getElementById('failures').textContent,
          images: document.querySelectorAll('img').length,
          pwned: window.pwned === 1,
          href: location.href,
          stored: sessionStorage.getItem('conversion-agent.admin-key'),
          input: document.getElementById('key').value,
        })`)) as string;
        const shown = JSON.parse(view);
        expect(shown).toMatchObject({ waiting: '5', active: '1', failed: '1', stuck: '1', images: 0, pwned: false });
        expect(shown.byJob).toContain('ingest');
        expect(shown.stuckRows).toContain('match-need-stuck');
        // The error is shown as text, not markup.
        expect(shown.failures).toContain(hostileError);
        expect(shown.href).toBe(`${url}/admin/jobs`);
        expect(shown.href).not.toContain(admin.key);
        expect(shown.stored).toBe(admin.key);
        expect(shown.input).toBe('');

        // Forget: the key leaves sessionStorage and the form returns.
        await page.eval('document.getElementById("forget").click()');
        expect(await page.eval('sessionStorage.length')).toBe(0);
        expect(await page.eval('document.getElementById("login").hidden')).toBe(false);
      } finally {
        await browser.close();
      }
    },
    60_000,
  );
});
