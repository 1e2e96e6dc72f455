import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAchievement } from '../../matching/achievements/create-achievement.ts';
import type { Deps } from '../../matching/core/deps.ts';
import { createOpenAiEmbedder } from '../../matching/embedders/openai-embedder.ts';
import { createNeed } from '../../matching/needs/create-need.ts';
import { rankMatches } from '../../matching/pipeline/match-record.ts';
import { processReembed } from '../../matching/pipeline/reembed-record.ts';
import { requeueDocuments } from '../../matching/pipeline/requeue-documents.ts';
import { processRescore } from '../../matching/pipeline/rescore-record.ts';
import { createPgvectorIndex } from '../../matching/vectors/pgvector-index.ts';
import { recordVectors } from '../../schema/record-vectors.ts';
import { suggestions } from '../../schema/suggestions.ts';
import { drainOutbox } from '../support/drain-outbox.ts';
import { makePersona, type Persona, sampleAchievement, sampleNeed } from '../support/factories.ts';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '../support/fake-openai-server.ts';
import { openTestDb } from '../support/test-db.ts';
import { testDeps } from '../support/test-deps.ts';

/** Dense retrieval in the pipeline: an OpenAI-compatible endpoint (local contract-checking server) + pgvector. */
describe('matching pipeline with dense retrieval', () => {
  let fake: FakeOpenAiServer;
  let deps: Deps;
  let drop: () => Promise<void>;
  let ent: Persona;
  let uni: Persona;
  beforeAll(async () => {
    fake = await startFakeOpenAiServer();
    const handle = await openTestDb('pglite');
    drop = handle.drop;
    const embedder = createOpenAiEmbedder({
      baseURL: fake.baseURL,
      apiKey: fake.apiKey,
      model: 'text-embedding-3-small',
    });
    const dimensions = await embedder.probe();
    const index = createPgvectorIndex(handle.db, { embedderId: embedder.id, version: embedder.version, dimensions });
    await index.ensure();
    deps = testDeps(handle.db);
    deps = { ...deps, dense: { embedder, index, weight: 0.1 } };
    [ent, uni] = await Promise.all([makePersona(deps, 'enterprise'), makePersona(deps, 'institution')]);
  });
  afterAll(async () => {
    await drop?.();
    await fake?.close();
  });

  it('stores a vector per document in its space and scores pairs with both signals', async () => {
    const achievement = await createAchievement({ deps, actor: uni, input: sampleAchievement() });
    const need = await createNeed({ deps, actor: ent, input: sampleNeed() });
    await drainOutbox(deps);
    const vectors = await deps.db.select().from(recordVectors).where(eq(recordVectors.recordId, achievement.id));
    expect(vectors).toHaveLength(1);
    expect(vectors[0]?.space).toBe(`${deps.dense?.embedder.id}@${deps.dense?.embedder.version}`);
    const [pair] = await deps.db.select().from(suggestions).where(eq(suggestions.needId, need.id));
    expect(pair?.achievementId).toBe(achievement.id);
    expect(pair?.features.dense).toBeGreaterThan(0.5);
    expect(fake.violations).toEqual([]);
  });

  it('keeps confidential needs of others out of both retrievers', async () => {
    const rival = await makePersona(deps, 'enterprise');
    const canary = `密向量金丝雀${crypto.randomUUID().slice(0, 6)}`;
    const secret = await createNeed({
      deps,
      actor: rival,
      input: sampleNeed({ title: `${canary}印染废水回用`, confidentiality: 'confidential' }),
    });
    const plate = await createAchievement({
      deps,
      actor: uni,
      input: sampleAchievement({ title: '印染废水纳滤回用（二）' }),
    });
    await drainOutbox(deps);
    const shown = await rankMatches({
      deps,
      kind: 'achievement',
      id: plate.id,
      audience: { orgId: uni.orgId },
      limit: 50,
    });
    expect(shown.map((s) => s.needId)).not.toContain(secret.id);
    const system = await rankMatches({
      deps,
      kind: 'achievement',
      id: plate.id,
      audience: { system: true },
      limit: 50,
    });
    expect(system.map((s) => s.needId)).toContain(secret.id);
  });

  it('re-embeds every document into a new space and rescores without duplicating pairs', async () => {
    const before = await deps.db.select().from(suggestions);
    const embedder = createOpenAiEmbedder({
      baseURL: fake.baseURL,
      apiKey: fake.apiKey,
      model: 'text-embedding-3-large',
      dimensions: 32,
    });
    const space = { embedderId: embedder.id, version: embedder.version, dimensions: 32 };
    const index = createPgvectorIndex(deps.db, space);
    await index.ensure();
    const next: Deps = { ...deps, dense: { embedder, index, weight: 0.1 } };
    const reembeds = await requeueDocuments({ deps: next, job: 'reembed' });
    const rescores = await requeueDocuments({ deps: next, job: 'rescore' });
    expect(reembeds).toBeGreaterThan(rescores - 1);
    await drainOutbox(next, ['reembed', 'rescore'], { reembed: processReembed, rescore: processRescore });
    expect(await index.count()).toBe(reembeds);
    const after = await deps.db.select().from(suggestions);
    expect(after.length).toBe(new Set(after.map((s) => `${s.needId}/${s.achievementId}`)).size);
    expect(after.length).toBeGreaterThanOrEqual(before.length);
    await expect(processReembed(deps, { kind: 'need', id: before[0]?.needId, space: 'other@1' })).rejects.toThrow(
      /space/,
    );
  });
});
