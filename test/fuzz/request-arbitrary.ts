import fc from 'fast-check';
import { hostileString, hostileStrings, rawBodies } from './hostile.ts';
import { mutatedBody } from './mutate-body.ts';
import type { Operation, Parameter } from './openapi-operations.ts';
import { type ResolveRef, schemaArbitrary } from './schema-arbitrary.ts';

export const roles = ['enterprise', 'institution', 'manager', 'admin'] as const;
export type Caller = (typeof roles)[number] | 'none' | 'bad_key' | 'malformed_header';

/** A path segment: a real record's id (resolved at send time, so a seed reproduces across databases) or text. */
export type Segment = { real: string; upper?: boolean } | { text: string; verbatim?: boolean };

/** A request as drawn: symbolic callers and ids, so it prints and shrinks the same on every run. */
export type FuzzRequest = {
  /** The operation key ("GET /v1/needs/{id}"), or "unlisted …" for requests outside the document. */
  op: string;
  method: string;
  template: string;
  params: Record<string, Segment>;
  query: [string, string][];
  caller: Caller;
  contentType: string | undefined;
  body: string | Buffer | undefined;
  headers: Record<string, string>;
};

const uuidish = fc.oneof(
  fc.uuid(),
  fc.constantFrom(
    '00000000-0000-0000-0000-000000000000',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
    'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF',
    '{6ba7b810-9dad-11d1-80b4-00c04fd430c8}',
    '6ba7b8109dad11d180b400c04fd430c8',
    '6ba7b810-9dad-11d1-80b4-00c04fd430c8x',
    '6ba7b810-9dad-11d1-80b4-00c04fd430c',
    'not-a-uuid',
    '123',
    '-1',
    '..',
    'a'.repeat(5_000),
  ),
);

const segment = (collection: string): fc.Arbitrary<Segment> =>
  fc.oneof(
    { weight: 5, arbitrary: fc.constant({ real: collection }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('needs', 'achievements', 'users', 'keys', 'suggestions').map((real) => ({ real })),
    },
    { weight: 1, arbitrary: fc.constant({ real: collection, upper: true }) },
    { weight: 4, arbitrary: uuidish.map((text) => ({ text })) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('%00', '%ZZ', '%', '%E0%A4%A', '%2F..%2F').map((text) => ({ text, verbatim: true })),
    },
    { weight: 1, arbitrary: hostileString.filter((s) => s.length < 10_000).map((text) => ({ text })) },
  );

const badQueryValue = fc.oneof(
  fc.constantFrom(
    '-1',
    '0',
    '1.5',
    '1e308',
    '1e15',
    '9007199254740991',
    '99999999999999999999',
    '0x10',
    'abc',
    '',
    'true',
    'not_a_value',
    'NaN',
    ' 1',
  ),
  fc.constantFrom(...hostileStrings.filter((s) => s.length < 1_000)),
);

function queryEntries(param: Parameter, resolve: ResolveRef): fc.Arbitrary<[string, string][]> {
  const one = (value: fc.Arbitrary<unknown>) => value.map((v): [string, string][] => [[param.name, String(v)]]);
  const valid = one(schemaArbitrary(param.schema, resolve));
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant<[string, string][]>([]) },
    { weight: 3, arbitrary: valid },
    { weight: 3, arbitrary: one(badQueryValue) },
    // An array where a scalar is expected: ?page=1&page=2.
    { weight: 1, arbitrary: fc.tuple(valid, valid).map(([a, b]) => [...a, ...b]) },
  );
}

function queryOf(op: Operation, resolve: ResolveRef): fc.Arbitrary<[string, string][]> {
  const unknown = fc.oneof(
    { weight: 4, arbitrary: fc.constant([]) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('zzz', 'page[]', '__proto__', ''), badQueryValue) },
  );
  return fc
    .tuple(fc.tuple(...op.queryParams.map((p) => queryEntries(p, resolve))), unknown)
    .map(([known, extra]) => [...known.flat(), ...(extra.length === 2 ? [extra as [string, string]] : [])]);
}

const contentType = fc.oneof(
  { weight: 8, arbitrary: fc.constant('application/json') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8',
      'APPLICATION/JSON',
      'application/problem+json',
      'application/json; charset=latin1',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=xyz',
      'application/xml',
      'application/jsonx',
      '',
      undefined,
    ),
  },
);

// Mostly real keys: a request refused at the door tests the door only.
const caller = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom<Caller>('none', 'bad_key', 'malformed_header') },
  { weight: 3, arbitrary: fc.constantFrom<Caller>(...roles) },
);

const extraHeaders = fc.record(
  {
    'accept-language': fc.constantFrom('zh-CN', 'en', 'en-US,en;q=0.9', '*', 'xx', ';;;q=abc', ''),
    'x-request-id': fc.constantFrom('abc-123', 'a'.repeat(200), '../../', '<script>'),
  },
  { requiredKeys: [] },
);

function bodyOf(op: Operation, resolve: ResolveRef, limit: number): fc.Arbitrary<string | Buffer | undefined> {
  const raw = fc.constantFrom(...rawBodies(limit));
  if (!op.body) {
    return fc.oneof({ weight: 8, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: raw });
  }
  const json = (value: fc.Arbitrary<unknown>) => value.map((v) => JSON.stringify(v));
  return fc.oneof(
    { weight: 3, arbitrary: json(schemaArbitrary(op.body, resolve)) },
    { weight: 5, arbitrary: json(mutatedBody(op.body, resolve)) },
    { weight: 2, arbitrary: raw },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

/** Requests for one operation of the document. */
export function operationRequest(op: Operation, resolve: ResolveRef, limit: number): fc.Arbitrary<FuzzRequest> {
  const collection = op.template.split('/')[2] ?? '';
  const params = fc.record(Object.fromEntries(op.pathParams.map((p) => [p.name, segment(collection)])));
  return fc
    .record({
      params,
      query: queryOf(op, resolve),
      caller,
      contentType,
      body: bodyOf(op, resolve, limit),
      headers: extraHeaders,
    })
    .map((parts) => described({ op: op.key, method: op.method, template: op.template, ...parts }));
}

const unlistedPaths = [
  '/v1/unknown',
  '/v1/needs/{id}/nope',
  '/v1//needs',
  '/v1/needs/',
  '/V1/NEEDS',
  '/v1',
  '/',
  '/%00',
  '/v1/needs/%ZZ',
  '/v1/%E0%A4%A',
  '/metrics',
  '/docs',
  '/openapi.json',
  '/admin/jobs',
  `/${'a'.repeat(8_000)}`,
];

/** Requests outside the document: unknown paths, and documented paths with methods they do not have. */
export function unlistedRequest(operations: Operation[], limit: number): fc.Arbitrary<FuzzRequest> {
  const template = fc.oneof(fc.constantFrom(...unlistedPaths), fc.constantFrom(...operations.map((o) => o.template)));
  return fc
    .record({
      method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
      template,
      id: segment('needs'),
      caller,
      contentType,
      body: fc.oneof(fc.constant(undefined), fc.constantFrom(...rawBodies(limit))),
      headers: extraHeaders,
    })
    .map(({ method, template, id, ...rest }) =>
      described({ op: 'unlisted', method, template, params: { id }, query: [], ...rest }),
    );
}

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…(${s.length} chars)` : s);

/** fast-check prints counterexamples with this: megabyte bodies cut short, ids by the record they stand for. */
function described(req: FuzzRequest): FuzzRequest {
  const params = Object.entries(req.params).map(
    ([k, v]) =>
      `${k}=${'real' in v ? `<real ${v.real}${v.upper ? ' upper-cased' : ''}>` : cut(JSON.stringify(v.text), 80)}`,
  );
  const body =
    req.body === undefined
      ? 'no body'
      : `${Buffer.byteLength(req.body)} bytes ${cut(JSON.stringify(req.body.toString()), 200)}`;
  const text = `${req.method} ${req.template} ${params.join(' ')} query=${cut(JSON.stringify(req.query), 200)} caller=${req.caller} content-type=${String(req.contentType)} headers=${JSON.stringify(req.headers)} ${body}`;
  Object.defineProperty(req, fc.toStringMethod, { value: () => text, enumerable: false });
  return req;
}
