import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OpenApiValidator } from './openapi-validator.ts';

export type RecordedCall = { method: string; path: string; template: string | undefined; query: string; body: any };
export type ScoredId = { id: string; score: number };

export type FakeQdrant = {
  url: string;
  calls: RecordedCall[];
  /** Every way a request or our own answer broke the published API; a correct adapter leaves it empty. */
  errors: string[];
  /** When set, points/query answers exactly this, whatever is stored: lets a test see what the adapter does with it. */
  queryResult: ScoredId[] | undefined;
  close(): Promise<void>;
};

type Point = { vector: number[]; payload: Record<string, unknown> };
type Collection = { vectorName: string; size: number; points: Map<string, Point> };

class Unsupported extends Error {}

const asList = (x: unknown): unknown[] => (x === undefined || x === null ? [] : Array.isArray(x) ? x : [x]);

/**
 * Evaluates the subset of Qdrant's filter language the adapter uses (nested must/should/must_not, keyword
 * match value/any/except) the way Qdrant documents it: a condition on a missing field is false. Anything
 * else throws, so the fake never guesses at semantics it does not implement.
 */
export function filterMatches(filter: any, payload: Record<string, unknown>): boolean {
  if (filter === undefined || filter === null) return true;
  if (filter.min_should) throw new Unsupported('min_should');
  const must = asList(filter.must).every((c) => conditionMatches(c, payload));
  const should = asList(filter.should);
  const anyShould = should.length === 0 || should.some((c) => conditionMatches(c, payload));
  const none = !asList(filter.must_not).some((c) => conditionMatches(c, payload));
  return must && anyShould && none;
}

function conditionMatches(condition: any, payload: Record<string, unknown>): boolean {
  if ('must' in condition || 'should' in condition || 'must_not' in condition) return filterMatches(condition, payload);
  if (typeof condition.key !== 'string' || !condition.match) throw new Unsupported(JSON.stringify(condition));
  const value = payload[condition.key];
  const { match } = condition;
  if (value === undefined || value === null) return false;
  if ('value' in match) return value === match.value;
  if ('any' in match) return match.any.includes(value);
  if ('except' in match) return !match.except.includes(value);
  throw new Unsupported(JSON.stringify(match));
}

const cosine = (a: number[], b: number[]) => {
  let dot = 0;
  let na = 0;
  let nb = 0;
  a.forEach((x, i) => {
    const y = b[i] ?? 0;
    dot += x * y;
    na += x * x;
    nb += y * y;
  });
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
};

const updated = { operation_id: 0, status: 'completed' };

/**
 * An in-memory stand-in for Qdrant's REST API that validates every request against the published OpenAPI
 * description (method, path template, query names, JSON body) and every answer it gives as well, so its
 * answers cannot drift from what the real server may send.
 */
export async function startFakeQdrant(validator: OpenApiValidator): Promise<FakeQdrant> {
  const collections = new Map<string, Collection>();
  const state = {
    calls: [] as RecordedCall[],
    errors: [] as string[],
    queryResult: undefined as ScoredId[] | undefined,
  };

  const route = (template: string, method: string, name: string, body: any): [number, unknown] => {
    const collection = collections.get(name);
    const key = `${method} ${template.replace('/collections/{collection_name}', '')}`;
    if (key === 'GET /exists') return [200, { exists: collections.has(name) }];
    if (key === 'PUT ') {
      if (collection) return [400, `Wrong input: Collection \`${name}\` already exists!`];
      // Only the named-vectors form is modelled: the first named vector is the dense one.
      const [vectorName, params] = Object.entries(body.vectors ?? {})[0] ?? [];
      if (!vectorName || typeof (params as any)?.size !== 'number') throw new Unsupported('unnamed vector config');
      collections.set(name, { vectorName, size: (params as any).size, points: new Map() });
      return [200, true];
    }
    if (key === 'DELETE ') return [200, collections.delete(name)];
    if (!collection) return [404, `Not found: Collection \`${name}\` doesn't exist!`];
    if (key === 'PUT /index') return [200, updated];
    if (key === 'PUT /points') {
      for (const p of body.points) {
        const vector = p.vector?.[collection.vectorName];
        if (!Array.isArray(vector)) return [400, `Wrong input: Not existing vector name or missing vector`];
        if (vector.length !== collection.size) {
          return [400, `Wrong input: Vector dimension error: expected dim: ${collection.size}, got ${vector.length}`];
        }
        collection.points.set(String(p.id), { vector, payload: p.payload ?? {} });
      }
      return [200, updated];
    }
    if (key === 'POST /points/delete') {
      for (const id of body.points) collection.points.delete(String(id));
      return [200, updated];
    }
    const visible = () => [...collection.points].filter(([, p]) => filterMatches(body.filter, p.payload));
    if (key === 'POST /points/count') return [200, { count: visible().length }];
    if (key === 'POST /points/query') {
      // The collection has only named vectors, so Qdrant needs `using` to know which one is queried.
      if (body.using !== collection.vectorName)
        return [400, `Wrong input: Not existing vector name: ${body.using ?? ''}`];
      const scored =
        state.queryResult ??
        visible()
          .map(([id, p]) => ({ id, score: cosine(body.query, p.vector) }))
          .sort((a, b) => b.score - a.score)
          .slice(0, body.limit ?? 10);
      return [200, { points: scored.map((p) => ({ ...p, version: 0 })) }];
    }
    throw new Unsupported(`${method} ${template}`);
  };

  const respond = (res: ServerResponse, call: RecordedCall, status: number, result: unknown) => {
    const body =
      status === 200 ? { result, status: 'ok', time: 0 } : { result: null, status: { error: String(result) }, time: 0 };
    if (call.template) state.errors.push(...validator.checkResponse(call.template, call.method, status, body));
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body: unknown = text ? JSON.parse(text) : undefined;
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const check = validator.checkRequest({ method, url: req.url ?? '/', body });
    const call = { method, path: url.pathname, template: check.template, query: url.search, body };
    state.calls.push(call);
    if (check.errors.length > 0) {
      state.errors.push(...check.errors);
      return respond(res, call, check.template ? 400 : 404, check.errors.join('; '));
    }
    if (check.template === '/readyz')
      return void res.writeHead(200, { 'content-type': 'text/plain' }).end('all shards are ready');
    const name = decodeURIComponent(url.pathname.split('/')[2] ?? '');
    try {
      const [status, result] = route(check.template ?? '', method, name, body);
      respond(res, call, status, result);
    } catch (error) {
      if (!(error instanceof Unsupported)) throw error;
      state.errors.push(`fake Qdrant does not implement ${error.message}`);
      respond(res, call, 400, `unsupported by the fake: ${error.message}`);
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      state.errors.push(`fake Qdrant crashed: ${String(error)}`);
      res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get calls() {
      return state.calls;
    },
    get errors() {
      return state.errors;
    },
    get queryResult() {
      return state.queryResult;
    },
    set queryResult(value) {
      state.queryResult = value;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
