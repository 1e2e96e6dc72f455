import fc from 'fast-check';

export type Schema = { [key: string]: unknown };
export type ResolveRef = (ref: string) => Schema;

const isSchema = (x: unknown): x is Schema => typeof x === 'object' && x !== null && !Array.isArray(x);
const num = (x: unknown): number | undefined => (typeof x === 'number' ? x : undefined);

// Text the service really gets: Chinese first, then Latin, digits and punctuation, and any grapheme at all.
const cjk = fc.constantFrom(
  ...'湖州丝绸印染废水膜处理回用新能源汽车电池轻量化技术成果转化专利催化剂纳滤中试'.split(''),
);
const textChar = fc.oneof({ weight: 3, arbitrary: cjk }, fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }));

function stringOf(schema: Schema): fc.Arbitrary<string> {
  const minLength = num(schema.minLength) ?? 0;
  // Valid-ish, not maximal: long strings are the mutators' job, and short ones keep runs fast.
  const maxLength = Math.max(minLength, Math.min(num(schema.maxLength) ?? 40, minLength + 40));
  switch (schema.format) {
    case 'uuid':
      return fc.uuid();
    case 'date':
      return fc
        .date({ min: new Date('2000-01-01'), max: new Date('2100-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    case 'email':
      return fc.emailAddress();
    case 'uri':
      return fc.webUrl();
  }
  if (typeof schema.pattern === 'string') return fc.stringMatching(new RegExp(schema.pattern));
  return fc.string({ unit: textChar, minLength, maxLength });
}

function numberOf(schema: Schema, integer: boolean): fc.Arbitrary<number> {
  const min = num(schema.minimum) ?? -1_000_000;
  const max = num(schema.maximum) ?? 1_000_000;
  if (integer) return fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

function objectOf(schema: Schema, resolve: ResolveRef): fc.Arbitrary<unknown> {
  const properties = isSchema(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? schema.required.filter((k) => typeof k === 'string') : [];
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, property] of Object.entries(properties)) {
    if (isSchema(property)) model[name] = schemaArbitrary(property, resolve);
  }
  return fc.record(model, { requiredKeys: required.filter((k) => k in model) });
}

function ofType(type: unknown, schema: Schema, resolve: ResolveRef): fc.Arbitrary<unknown> {
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return numberOf(schema, true);
    case 'number':
      return numberOf(schema, false);
    case 'string':
      return stringOf(schema);
    case 'array': {
      const items = isSchema(schema.items) ? schemaArbitrary(schema.items, resolve) : fc.jsonValue();
      const minLength = num(schema.minItems) ?? 0;
      const maxLength = Math.max(minLength, Math.min(num(schema.maxItems) ?? 5, 5));
      return fc.array(items, { minLength, maxLength });
    }
    case 'object':
      return objectOf(schema, resolve);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Values that (mostly) satisfy a JSON Schema from the OpenAPI document: the starting point for mutations. */
export function schemaArbitrary(schema: Schema, resolve: ResolveRef): fc.Arbitrary<unknown> {
  if (typeof schema.$ref === 'string') return schemaArbitrary(resolve(schema.$ref), resolve);
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (Array.isArray(alternatives)) {
    return fc.oneof(...alternatives.filter(isSchema).map((s) => schemaArbitrary(s, resolve)));
  }
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  if (Array.isArray(schema.type)) return fc.oneof(...schema.type.map((t) => ofType(t, schema, resolve)));
  if (schema.type === undefined && isSchema(schema.properties)) return objectOf(schema, resolve);
  return ofType(schema.type, schema, resolve);
}
