import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../matching/core/deps.ts';
import { events } from '../../schema/events.ts';
import { suggestions } from '../../schema/suggestions.ts';
import { route } from '../api/queue-helpers.ts';
import { makePersona, type Persona } from '../support/factories.ts';
import { startServer } from '../support/http.ts';
import { makeManager, makePair } from '../support/pipeline-factories.ts';
import { openTestDb } from '../support/test-db.ts';
import { testDeps } from '../support/test-deps.ts';
import { pageClient } from './page-client.ts';

/** The pair page's forms over real HTTP: decline with a reason, a refused move, and the audit of what it showed. */
describe('pages: the pair page and its forms (real HTTP)', () => {
  let drop: () => Promise<void>;
  let close: () => Promise<void>;
  let url: string;
  let deps: Deps;
  let ent: Persona;
  let inst: Persona;
  let manager: Persona;

  beforeAll(async () => {
    const handle = await openTestDb('pglite');
    drop = handle.drop;
    deps = testDeps(handle.db);
    ({ url, close } = await startServer(deps));
    [ent, inst] = await Promise.all([makePersona(deps, 'enterprise'), makePersona(deps, 'institution')]);
    manager = await makeManager(deps, { chains: ['textile'] });
  });
  afterAll(async () => {
    await close?.();
    await drop?.();
  });

  const routedPair = async (needOverrides = {}) => {
    const { suggestion } = await makePair(
      deps,
      { entOrgId: ent.orgId, instOrgId: inst.orgId, chain: 'textile' },
      { need: needOverrides },
    );
    await route(deps, suggestion.id);
    return suggestion.id;
  };

  async function managerPage(id: string) {
    const browser = pageClient(url);
    await browser.signIn(manager.key);
    const page = await browser.get(`/app/pairs/${id}`);
    return { browser, page, csrf: browser.csrfOf(page.text) };
  }

  it('declines a claimed pair with a reason code and a note, as the decision verb records it', async () => {
    const id = await routedPair();
    const { browser, csrf } = await managerPage(id);
    expect((await browser.post(`/app/pairs/${id}/claim`, { _csrf: csrf })).status).toBe(303);
    const claimed = await browser.get(`/app/pairs/${id}`);
    expect(claimed.text).toContain('id="decline-form"');
    expect(claimed.text).toContain('<option value="too_early_stage">成果过早期</option>');
    const res = await browser.post(`/app/pairs/${id}/decision`, {
      _csrf: csrf,
      decision: 'decline',
      reason: 'too_early_stage',
      note: '成果仍在小试阶段',
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/app/pairs/${id}`);
    const [row] = await deps.db.select().from(suggestions).where(eq(suggestions.id, id));
    expect(row).toMatchObject({ stage: 'declined', declineReason: 'too_early_stage', declineNote: '成果仍在小试阶段' });
    const after = await browser.get(`/app/pairs/${id}`);
    expect(after.text).toContain('成果过早期 · 成果仍在小试阶段');
    expect(after.text).not.toContain('id="stage-form"');
  });

  it('shows the pair again with 400 or 409 and the reason when a form is refused, changing nothing', async () => {
    const id = await routedPair();
    const { browser, csrf } = await managerPage(id);
    await browser.post(`/app/pairs/${id}/claim`, { _csrf: csrf });
    const noReason = await browser.post(`/app/pairs/${id}/decision`, { _csrf: csrf, decision: 'decline' });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('reason');
    const early = await browser.post(`/app/pairs/${id}/stage`, { _csrf: csrf, to: 'landed' });
    expect(early.status).toBe(409);
    expect(early.text).toContain('role="alert"');
    const [row] = await deps.db.select().from(suggestions).where(eq(suggestions.id, id));
    expect(row?.stage).toBe('claimed');
  });

  it('shows a confidential need in full to its manager, and logs that read like the queue does', async () => {
    const id = await routedPair({ confidentiality: 'confidential', title: '保密的电池配方需求' });
    const [pair] = await deps.db.select().from(suggestions).where(eq(suggestions.id, id));
    const { page } = await managerPage(id);
    expect(page.status).toBe(200);
    expect(page.text).toContain('保密的电池配方需求');
    const reads = await deps.db
      .select()
      .from(events)
      .where(and(eq(events.type, 'need.read'), inArray(events.subjectId, [pair?.needId ?? ''])));
    expect(reads.map((e) => e.data)).toContainEqual({ level: 'full', via: 'pair:page' });
  });
});
