import fc from 'fast-check';
import { hostileString, wrongTypeValue } from './hostile.ts';
import { type ResolveRef, type Schema, schemaArbitrary } from './schema-arbitrary.ts';

const isSchema = (x: unknown): x is Schema => typeof x === 'object' && x !== null && !Array.isArray(x);
const asObject = (x: unknown): Record<string, unknown> => (isSchema(x) ? x : {});

/** Property names and required names of an object schema, or of all the alternatives of a oneOf. */
function shapeOf(schema: Schema, resolve: ResolveRef): { keys: string[]; required: string[] } {
  const target = typeof schema.$ref === 'string' ? resolve(schema.$ref) : schema;
  const alternatives = target.oneOf ?? target.anyOf;
  const parts = Array.isArray(alternatives) ? alternatives.filter(isSchema) : [target];
  const keys = new Set<string>();
  const required = new Set<string>();
  for (const part of parts) {
    for (const key of Object.keys(asObject(part.properties))) keys.add(key);
    for (const key of Array.isArray(part.required) ? part.required : []) {
      if (typeof key === 'string') required.add(key);
    }
  }
  return { keys: [...keys], required: [...required] };
}

/** The value with its `n`th string leaf (counting depth-first, modulo their number) replaced. */
function replaceStringLeaf(value: unknown, n: number, replacement: string): unknown {
  let count = 0;
  const countLeaves = (v: unknown): void => {
    if (typeof v === 'string') count++;
    else if (Array.isArray(v)) v.forEach(countLeaves);
    else if (isSchema(v)) Object.values(v).forEach(countLeaves);
  };
  countLeaves(value);
  if (count === 0) return value;
  let index = n % count;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return index-- === 0 ? replacement : v;
    if (Array.isArray(v)) return v.map(walk);
    if (isSchema(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value);
}

const withField = (base: unknown, key: string, value: unknown) => ({ ...asObject(base), [key]: value });

/**
 * A valid body broken one way: a hostile string at any depth, a required field dropped, an unknown field
 * added, a field of the wrong type, a hostile string or array in a field, or a body of the wrong JSON type.
 */
export function mutatedBody(schema: Schema, resolve: ResolveRef): fc.Arbitrary<unknown> {
  const valid = schemaArbitrary(schema, resolve);
  const { keys, required } = shapeOf(schema, resolve);
  // Deep inside an otherwise valid body (a patent number, a team member, a keyword), where the schema allows it;
  // weighted up, as it is the mutation most likely to get past validation.
  const deep = fc.tuple(valid, fc.nat(), hostileString).map(([base, n, text]) => replaceStringLeaf(base, n, text));
  const mutations: fc.Arbitrary<unknown>[] = [
    wrongTypeValue,
    deep,
    deep,
    deep,
    fc
      .tuple(
        valid,
        fc.oneof(fc.constantFrom('id', 'orgId', 'role', 'status', '__proto__'), fc.string()),
        wrongTypeValue,
      )
      .map(([base, key, value]) => withField(base, key, value)),
  ];
  if (required.length > 0) {
    mutations.push(
      fc.tuple(valid, fc.constantFrom(...required)).map(([base, key]) => {
        const { [key]: _dropped, ...rest } = asObject(base);
        return rest;
      }),
    );
  }
  if (keys.length > 0) {
    const key = fc.constantFrom(...keys);
    mutations.push(
      fc.tuple(valid, key, wrongTypeValue).map(([base, k, value]) => withField(base, k, value)),
      fc.tuple(valid, key, hostileString).map(([base, k, value]) => withField(base, k, value)),
      fc
        .tuple(valid, key, fc.array(hostileString, { minLength: 1, maxLength: 4 }))
        .map(([base, k, value]) => withField(base, k, value)),
      fc.tuple(valid, key, fc.constantFrom(51, 101, 5_000)).map(([base, k, n]) =>
        withField(
          base,
          k,
          Array.from({ length: n }, (_, i) => `词${i}`),
        ),
      ),
    );
  }
  return fc.oneof(...mutations);
}
