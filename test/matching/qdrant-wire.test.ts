import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { collectionName } from '../../matching/vectors/qdrant-collection.ts';
import { createQdrantIndex } from '../../matching/vectors/qdrant-index.ts';
import type { VectorPayload, VectorRecord, VectorSpace } from '../../matching/vectors/vector-index.ts';
import { type FakeQdrant, startFakeQdrant } from '../support/fake-qdrant-server.ts';
import { loadOpenApiValidator } from '../support/openapi-validator.ts';
import { vectorIndexContract } from './vector-index-contract.ts';

const SPEC = '/work/shared/contracts/qdrant/openapi-v1.19.0.json';
const validator = loadOpenApiValidator(SPEC);
let qdrant: FakeQdrant;

beforeAll(async () => {
  qdrant = await startFakeQdrant(validator);
});
afterAll(() => qdrant.close());
afterEach(() => {
  // Fails whichever test sent (or made the fake send) anything the published API does not allow.
  expect(qdrant.errors, `requests/answers outside Qdrant's OpenAPI:\n${qdrant.errors.join('\n')}`).toEqual([]);
  qdrant.calls.length = 0;
  qdrant.queryResult = undefined;
});

const space = (): VectorSpace => ({
  embedderId: 'openai:text-embedding-3-small',
  version: randomUUID(),
  dimensions: 4,
});
const payload = (overrides: Partial<VectorPayload> = {}): VectorPayload => ({
  kind: 'need',
  orgId: randomUUID(),
  status: 'open',
  confidentiality: 'public',
  chainId: 'ai',
  ...overrides,
});
const record = (overrides: Partial<VectorPayload> = {}): VectorRecord => ({
  id: randomUUID(),
  vector: Float32Array.from([0.5, 0.5, 0.5, 0.5]),
  payload: payload(overrides),
});
const open = async (s = space(), upsertBatchSize?: number) => {
  const index = createQdrantIndex(s, { url: qdrant.url, upsertBatchSize });
  await index.ensure();
  return index;
};
const callsTo = (suffix: string) => qdrant.calls.filter((c) => c.template?.endsWith(suffix));

describe('OpenAPI validator (checks the checker)', () => {
  const query = (body: unknown) =>
    validator.checkRequest({ method: 'POST', url: '/collections/c/points/query', body }).errors;

  it('accepts a well-formed query', () => {
    expect(
      query({
        query: [0.1, 0.2],
        using: 'dense',
        limit: 3,
        filter: { must: [{ key: 'kind', match: { value: 'need' } }] },
      }),
    ).toEqual([]);
  });

  it('rejects bad bodies, including ones a literal reading of `nullable` would let through', () => {
    expect(query({ query: [0.1], limit: 0 })).not.toEqual([]);
    expect(query({ query: [0.1], filter: 5 })).not.toEqual([]);
    expect(query({ query: [0.1], filter: { must: [{ key: 'kind', match: { valu: 'x' } }] } })).not.toEqual([]);
    expect(query({ query: [0.1], filters: { must: [] } })).not.toEqual([]);
  });

  it('flags legacy or unknown endpoints, wrong methods and undeclared query parameters', () => {
    const check = (method: string, url: string) => validator.checkRequest({ method, url, body: {} }).errors;
    expect(check('POST', '/collections/c/points/search')).toEqual([expect.stringMatching(/not an operation/)]);
    expect(check('POST', '/collections/c/points/recommend')).toEqual([expect.stringMatching(/not an operation/)]);
    expect(check('DELETE', '/collections/c/points/query')).toEqual([expect.stringMatching(/not an operation/)]);
    expect(check('POST', '/collections/c/points/count?wait=true')).toEqual([expect.stringMatching(/"wait"/)]);
  });
});

describe('Qdrant adapter on the wire', () => {
  it('creates a cosine collection with a named dense and a sparse vector, and keyword payload indexes', async () => {
    const s = space();
    await open(s);
    const [create] = callsTo('{collection_name}').filter((c) => c.method === 'PUT');
    expect(create?.path).toBe(`/collections/${collectionName(s)}`);
    expect(create?.body).toEqual({
      vectors: { dense: { size: 4, distance: 'Cosine' } },
      sparse_vectors: { lexical: {} },
    });
    const indexed = callsTo('/index').map((c) => [c.body.field_name, c.body.field_schema]);
    expect(indexed).toEqual(['kind', 'orgId', 'status', 'confidentiality', 'chainId'].map((k) => [k, 'keyword']));
  });

  it('ensure is idempotent: a second call does not recreate the collection', async () => {
    const s = space();
    await open(s);
    await open(s);
    expect(callsTo('{collection_name}').filter((c) => c.method === 'PUT')).toHaveLength(1);
  });

  it('upserts in batches, waiting, with plain number arrays and the sparse vector when given', async () => {
    const index = await open(space(), 2);
    const records = [record(), record(), record(), record(), record()];
    const first = records[0];
    if (first) first.sparse = { indices: [3, 17], values: [0.5, 1.25] };
    await index.upsert(records);
    const upserts = callsTo('/points').filter((c) => c.method === 'PUT');
    expect(upserts.map((c) => c.body.points.length)).toEqual([2, 2, 1]);
    expect(upserts.every((c) => c.query.includes('wait=true'))).toBe(true);
    expect(upserts[0]?.body.points[0]).toEqual({
      id: first?.id,
      vector: { dense: [0.5, 0.5, 0.5, 0.5], lexical: { indices: [3, 17], values: [0.5, 1.25] } },
      payload: first?.payload,
    });
  });

  it('puts the whole filter inside points/query, with the viewer-visibility clause for an org audience', async () => {
    const index = await open();
    const viewer = randomUUID();
    const rival = randomUUID();
    await index.search({
      vector: Float32Array.from([1, 0, 0, 0]),
      k: 7,
      filter: {
        kind: 'need',
        statuses: ['open', 'matching'],
        chainIds: ['ai'],
        excludeOrgIds: [rival],
        audience: { orgId: viewer },
      },
    });
    const [call] = callsTo('/points/query');
    expect(call?.body).toEqual({
      query: [1, 0, 0, 0],
      using: 'dense',
      limit: 7,
      with_payload: false,
      with_vector: false,
      filter: {
        must: [
          { key: 'kind', match: { value: 'need' } },
          { key: 'status', match: { any: ['open', 'matching'] } },
          { key: 'chainId', match: { any: ['ai'] } },
          {
            should: [
              { key: 'confidentiality', match: { any: ['public', 'desensitised'] } },
              { key: 'orgId', match: { value: viewer } },
            ],
          },
        ],
        must_not: [{ key: 'orgId', match: { any: [rival] } }],
      },
    });
  });

  it('adds no visibility clause for the system audience', async () => {
    const index = await open();
    await index.search({
      vector: Float32Array.from([1, 0, 0, 0]),
      k: 3,
      filter: { kind: 'achievement', audience: { system: true } },
    });
    expect(callsTo('/points/query')[0]?.body.filter).toEqual({
      must: [{ key: 'kind', match: { value: 'achievement' } }],
    });
  });

  it("returns Qdrant's top-k as is: no client-side filtering or re-ranking after the cut", async () => {
    const index = await open();
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    qdrant.queryResult = [
      { id: ids[0] ?? '', score: 0.9 },
      { id: ids[1] ?? '', score: 0.7 },
      { id: ids[2] ?? '', score: 0.4 },
    ];
    const hits = await index.search({
      vector: Float32Array.from([1, 0, 0, 0]),
      k: 3,
      filter: { kind: 'need', audience: { orgId: randomUUID() } },
    });
    expect(hits).toEqual(qdrant.queryResult);
  });

  it('counts through points/count with the same filter, and deletes by id', async () => {
    const index = await open();
    const viewer = randomUUID();
    const records = [
      record(),
      record({ confidentiality: 'confidential' }),
      record({ confidentiality: 'confidential', orgId: viewer }),
    ];
    await index.upsert(records);
    expect(await index.count({ kind: 'need', audience: { orgId: viewer } })).toBe(2);
    expect(callsTo('/points/count')[0]?.body.filter.must).toContainEqual(
      expect.objectContaining({ should: expect.any(Array) }),
    );
    await index.delete([records[0]?.id ?? '', 'not-a-uuid']);
    expect(callsTo('/points/delete')[0]?.body).toEqual({ points: [records[0]?.id] });
    expect(await index.count()).toBe(2);
  });

  it('rebuilds by dropping the collection, recreating it and loading every batch', async () => {
    const index = await open();
    await index.upsert([record()]);
    async function* batches() {
      yield [record(), record()];
      yield [record()];
    }
    expect(await index.rebuild(batches())).toBe(3);
    expect(qdrant.calls.some((c) => c.method === 'DELETE' && c.template === '/collections/{collection_name}')).toBe(
      true,
    );
    expect(await index.count()).toBe(3);
  });

  it('rejects non-UUID ids and foreign dimensions before sending anything', async () => {
    const index = await open();
    qdrant.calls.length = 0;
    await expect(index.upsert([{ ...record(), id: 'need-42' }])).rejects.toThrow(/UUID/);
    await expect(index.upsert([{ ...record(), vector: new Float32Array(3) }])).rejects.toThrow(/3 dims/);
    expect(qdrant.calls).toEqual([]);
  });

  it('uses exactly these documented endpoints over a whole lifecycle, never the removed points/search', async () => {
    const index = await open();
    const r = record();
    await index.upsert([r]);
    await index.search({ vector: r.vector, k: 1, filter: { kind: 'need', audience: { system: true } } });
    await index.count({ kind: 'need' });
    await index.delete([r.id]);
    await index.rebuild((async function* () {})());
    expect(qdrant.calls.every((c) => c.template !== undefined)).toBe(true);
    expect(new Set(qdrant.calls.map((c) => `${c.method} ${c.template}`))).toEqual(
      new Set([
        'GET /collections/{collection_name}/exists',
        'PUT /collections/{collection_name}',
        'DELETE /collections/{collection_name}',
        'PUT /collections/{collection_name}/index',
        'PUT /collections/{collection_name}/points',
        'POST /collections/{collection_name}/points/query',
        'POST /collections/{collection_name}/points/count',
        'POST /collections/{collection_name}/points/delete',
      ]),
    );
  });
});

// The shared contract against the spec-validating fake: Qdrant-shaped traffic, with the fake evaluating the
// filter subset the adapter sends. It proves the adapter's filters mean what the contract needs; the live run
// (qdrant-live.test.ts) proves Qdrant agrees.
vectorIndexContract('qdrant adapter against the OpenAPI-validating fake', async (s) => ({
  index: createQdrantIndex(s, { url: qdrant.url, collectionPrefix: 'contract' }),
  cleanup: async () => {},
}));
