import fc from 'fast-check';

const megabyte = 1024 * 1024;

/**
 * Strings that have broken services like this one: NUL (PostgreSQL text refuses it), lone surrogates (not
 * encodable as UTF-8; JSON.stringify writes them as the raw escapes "\ud800"), bidi overrides and combining
 * marks, emoji sequences, Chinese, look-alikes of SQL and templates, and lengths either side of maxLength.
 */
export const hostileStrings: readonly string[] = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  'x\udc00y\ud83d',
  '\u200f\u202e\u0645\u0631\u062d\u0628\u0627\u202c',
  `e${'\u0301'.repeat(50)}`,
  'Z\u0351\u0352\u0353\u0354\u0355\u0356\u0357',
  '👩‍👩‍👧‍👦🏳️‍🌈🇨🇳',
  '🚀'.repeat(300),
  '湖州丝绸印染废水深度处理与回用',
  '\ufeff\u200b\u2028\u2029',
  '\uffff\ufffe',
  '',
  ' ',
  '\t\r\n',
  'null',
  '../../../etc/passwd',
  "'; drop table needs; --",
  '<script>alert(1)</script>',
  `%s%n%x{0}$${'{'}jndi:ldap://x}`,
  'a'.repeat(51),
  'a'.repeat(201),
  '中'.repeat(20_001),
];

/** Megabyte strings: a body carrying one is far above any test server's limit. */
export const megabyteString = 'a'.repeat(megabyte);

/** The characters PostgreSQL refuses or JSON cannot carry as UTF-8: drawn more often than the rest. */
const unstorable = hostileStrings.filter((s) => s.includes('\u0000') || /\p{Cs}/u.test(s));

export const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...unstorable) },
  { weight: 6, arbitrary: fc.constantFrom(...hostileStrings) },
  { weight: 1, arbitrary: fc.constant(megabyteString) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
);

/** Values of the wrong JSON type for almost any field. */
export const wrongTypeValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, -0, 1e308, -1e308, 2 ** 53 + 1, '', '1', [], {}, [null], { a: 1 }),
  fc.jsonValue({ maxDepth: 3 }),
  hostileString,
);

/** `{"title": "<padding>"...}` grown to exactly `bytes` bytes, for bodies just under, at and over the limit. */
export function paddedBody(base: Record<string, unknown>, field: string, bytes: number): string {
  const empty = JSON.stringify({ ...base, [field]: '' });
  return JSON.stringify({ ...base, [field]: 'a'.repeat(Math.max(0, bytes - Buffer.byteLength(empty))) });
}

const nested = (depth: number, open: string, leaf: string, close: string) =>
  open.repeat(depth) + leaf + close.repeat(depth);

/** Bodies no schema would produce: malformed, oversized, deep, huge arrays, undecodable bytes. */
export function rawBodies(limit: number): (string | Buffer)[] {
  return [
    '',
    '{',
    '{"title":',
    "{'title':'x'}",
    '{"a":1,}',
    'undefined',
    'NaN',
    '{"a":1}{"b":2}',
    '\ufeff{}',
    '"unterminated',
    '{"a":"\\x41"}',
    '{"title":"\\ud800\\udbff","description":"\\udfff lone surrogates as raw JSON escapes"}',
    '{"title":"\\u0000\\u0000","description":"NUL as a raw JSON escape, \\u0000"}',
    '{"title":"aa","title":"bbb","description":"duplicate keys, the last one wins"}',
    '{"__proto__":{"role":"admin"},"constructor":{"prototype":{"isAdmin":true}}}',
    '{"trlMin":1e400,"budgetMin":-1e400,"trl":1.0000000000000002,"page":9007199254740993}',
    'null',
    '[]',
    '"a string"',
    '12345',
    Buffer.from([0xff, 0xfe, 0x7b, 0x7d]),
    Buffer.concat([Buffer.from('{"title":"'), Buffer.from([0xc3, 0x28, 0xed, 0xa0, 0x80]), Buffer.from('"}')]),
    nested(10_000, '[', '0', ']'),
    nested(10_000, '{"a":', '1', '}'),
    nested(100_000, '[', '', ']'),
    `[${'0,'.repeat(30_000)}0]`,
    JSON.stringify({ title: '数组', description: '很长的关键词数组', keywords: Array(10_000).fill('词') }),
    JSON.stringify({ title: '数组', description: '超过上限的关键词数组', keywords: Array(40_000).fill('词') }),
    paddedBody({ description: '接近上限的请求体，差一个字节' }, 'title', limit - 1),
    paddedBody({ description: '正好等于上限的请求体' }, 'title', limit),
    paddedBody({ description: '超过上限一个字节的请求体' }, 'title', limit + 1),
    JSON.stringify({ title: megabyteString, description: '一兆字节的标题' }),
  ];
}
