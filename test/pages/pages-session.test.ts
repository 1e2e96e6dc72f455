import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../matching/core/deps.ts';
import { createNeed } from '../../matching/needs/create-need.ts';
import { apiKeys } from '../../schema/api-keys.ts';
import { makePersona, type Persona, sampleNeed } from '../support/factories.ts';
import { type Call, startServer } from '../support/http.ts';
import { openTestDb } from '../support/test-db.ts';
import { testDeps } from '../support/test-deps.ts';
import { pageClient } from './page-client.ts';

/** Sign-in, sessions, CSRF, language and isolation of the pages, over real HTTP on the real app. */
describe('pages: sessions, CSRF, language (real HTTP)', () => {
  let drop: () => Promise<void>;
  let close: () => Promise<void>;
  let url: string;
  let call: Call;
  let deps: Deps;
  let ent: Persona;
  let rival: Persona;

  beforeAll(async () => {
    const handle = await openTestDb('pglite');
    drop = handle.drop;
    deps = testDeps(handle.db);
    ({ url, call, close } = await startServer(deps));
    [ent, rival] = await Promise.all([makePersona(deps, 'enterprise'), makePersona(deps, 'enterprise')]);
  });
  afterAll(async () => {
    await close?.();
    await drop?.();
  });

  it('signs in with an API key into an httpOnly, SameSite=Strict session cookie that does not carry the key', async () => {
    const browser = pageClient(url);
    const res = await browser.signIn(ent.key);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/app');
    const cookie = (res.headers['set-cookie'] ?? []).find((line) => line.startsWith('ca_session=')) ?? '';
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Strict/i);
    expect(cookie).toMatch(/;\s*Path=\/app/i);
    expect(cookie).not.toContain(ent.key);
    expect(cookie).not.toContain(ent.key.slice(4, 20));
    const home = await browser.get('/app');
    expect(home.status).toBe(303);
    expect(home.headers.location).toBe('/app/needs');
    const needs = await browser.get('/app/needs');
    expect(needs.status).toBe(200);
    expect(needs.headers['content-type']).toMatch(/^text\/html/);
  });

  it('refuses a wrong key and sends signed-out browsers to the sign-in page', async () => {
    const browser = pageClient(url);
    const bad = await browser.signIn('cak_not-a-real-key');
    expect(bad.status).toBe(401);
    expect(bad.text).toContain('密钥无效或已吊销');
    expect(browser.jar.has('ca_session')).toBe(false);
    const res = await browser.get('/app/needs');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/app/sign-in?ended=1');
  });

  it('refuses a sign-in form that was not paired with this browser (login CSRF)', async () => {
    const browser = pageClient(url);
    const res = await browser.post('/app/sign-in', { _csrf: 'forged', key: ent.key });
    expect(res.status).toBe(403);
    expect(browser.jar.has('ca_session')).toBe(false);
  });

  it('rejects a POST without the session CSRF token, with a wrong one, or from another origin', async () => {
    const browser = pageClient(url);
    await browser.signIn(ent.key);
    const form = await browser.get('/app/needs/new');
    const token = browser.csrfOf(form.text);
    expect(token.length).toBeGreaterThan(20);
    const need = { title: '无令牌的需求', description: '这条需求不应被创建，因为表单没有带上会话的令牌。' };
    expect((await browser.post('/app/needs', need)).status).toBe(403);
    expect((await browser.post('/app/needs', { ...need, _csrf: `${token}x` })).status).toBe(403);
    const foreign = await browser.post('/app/needs', { ...need, _csrf: token }, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect((await browser.post('/app/needs', { ...need, _csrf: token }, { origin: 'null' })).status).toBe(403);
    const list = await browser.get('/app/needs');
    expect(list.text).not.toContain('无令牌的需求');
    const hostile = { ...need, title: '<img src=x onerror="alert(1)">需求' };
    const ok = await browser.post('/app/needs', { ...hostile, _csrf: token });
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toMatch(/^\/app\/needs\/[0-9a-f-]{36}$/);
    // Record text is written as text: the title comes back escaped, never as markup.
    const shown = await browser.get(ok.headers.location ?? '');
    expect(shown.text).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;需求');
    expect(shown.text).not.toContain('<img src=x');
  });

  it('shows a refused need form again with 400 and the field named, keeping what was typed', async () => {
    const browser = pageClient(url);
    await browser.signIn(ent.key);
    const token = browser.csrfOf((await browser.get('/app/needs/new')).text);
    const res = await browser.post('/app/needs', {
      _csrf: token,
      title: '短描述的需求',
      description: '太短',
      trlMin: '12',
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('data-field="description"');
    expect(res.text).toContain('data-field="trlMin"');
    expect(res.text).toContain('value="短描述的需求"');
    const nul = await browser.post('/app/needs', {
      _csrf: token,
      title: 'a\u0000b',
      description: '一个足够长的描述文字内容。',
    });
    expect(nul.status).toBe(400);
    expect(nul.text).toContain('data-field="title"');
  });

  it('signs out: the session ends on the server, so the old cookie no longer opens a page', async () => {
    const browser = pageClient(url);
    await browser.signIn(ent.key);
    const stolen = browser.jar.get('ca_session') ?? '';
    const token = browser.csrfOf((await browser.get('/app/needs')).text);
    const out = await browser.post('/app/sign-out', { _csrf: token });
    expect(out.status).toBe(303);
    expect(out.headers.location).toBe('/app/sign-in');
    expect(browser.jar.has('ca_session')).toBe(false);
    const replay = await pageClient(url).get('/app/needs', { cookie: `ca_session=${stolen}` });
    expect(replay.status).toBe(303);
    expect(replay.headers.location).toBe('/app/sign-in?ended=1');
  });

  it('ends a session as soon as its API key is revoked', async () => {
    const persona = await makePersona(deps, 'enterprise');
    const browser = pageClient(url);
    await browser.signIn(persona.key);
    expect((await browser.get('/app/needs')).status).toBe(200);
    await deps.db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.userId, persona.userId));
    const res = await browser.get('/app/needs');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/app/sign-in?ended=1');
  });

  it("answers 404 for another enterprise's need page, exactly like a missing one", async () => {
    const secret = await createNeed({ deps, actor: rival, input: sampleNeed({ title: '对手企业的保密需求' }) });
    const browser = pageClient(url);
    await browser.signIn(ent.key);
    const res = await browser.get(`/app/needs/${secret.id}`);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('对手企业的保密需求');
    const missing = await browser.get('/app/needs/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect((await browser.get('/app/needs/not-a-uuid')).status).toBe(404);
    const own = pageClient(url);
    await own.signIn(rival.key);
    const mine = await own.get(`/app/needs/${secret.id}`);
    expect(mine.status).toBe(200);
    expect(mine.text).toContain('对手企业的保密需求');
  });

  it('keeps other roles out of a section with 403 and the queue for managers only', async () => {
    const browser = pageClient(url);
    await browser.signIn(ent.key);
    expect((await browser.get('/app/queue')).status).toBe(403);
    expect((await browser.get('/app/achievements')).status).toBe(403);
  });

  it('is Chinese by default and switches to English by Accept-Language, by ?lang= and by the remembered switch', async () => {
    const browser = pageClient(url);
    const zh = await browser.get('/app/sign-in');
    expect(zh.text).toContain('<html lang="zh-CN">');
    expect(zh.text).toContain('登录');
    const byHeader = await browser.get('/app/sign-in', { 'accept-language': 'en-GB,en;q=0.9,zh;q=0.5' });
    expect(byHeader.text).toContain('<html lang="en">');
    expect(byHeader.text).toContain('Sign in with your API key');
    expect((await browser.get('/app/sign-in?lang=en')).text).toContain('<html lang="en">');
    const sw = await browser.get('/app/lang?to=en&back=%2Fapp%2Fsign-in');
    expect(sw.status).toBe(303);
    expect(sw.headers.location).toBe('/app/sign-in');
    expect(browser.jar.get('lang')).toBe('en');
    expect((await browser.get('/app/sign-in')).text).toContain('<html lang="en">');
    const away = await browser.get('/app/lang?to=zh&back=https%3A%2F%2Fevil.example%2F');
    expect(away.headers.location).toBe('/app');
    expect((await browser.get('/app/sign-in')).text).toContain('<html lang="zh-CN">');
  });

  it('sends a strict CSP without inline code, while the JSON API stays JSON-only', async () => {
    const res = await pageClient(url).get('/app/sign-in');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('nonce-');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=|\son[a-z]+=/i);
    expect(res.text).not.toMatch(/https?:\/\//);
    const css = await pageClient(url).get('/app/assets/app.css');
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    const api = await call('POST', '/v1/needs', {
      key: ent.key,
      rawBody: 'title=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(api.status).toBe(415);
    expect(String(api.headers.get('content-security-policy'))).toContain("form-action 'none'");
  });
});
