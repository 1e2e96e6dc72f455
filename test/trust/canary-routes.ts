type Schema = { [key: string]: unknown };
type Parameter = { name: string; schema: Schema };

/**
 * Export routes (CSV, XLSX, reports …). None exist yet; a future export adds its path template here (ids as
 * `{id}`) and is crawled exactly like the documented GET routes, by every caller, with every id.
 */
export const exportRoutes: readonly string[] = [];

/** Readable pages that are not operations of the OpenAPI document (or are the document itself). */
export const undocumentedPages: readonly string[] = [
  '/openapi.json',
  '/docs',
  '/admin/jobs',
  '/metrics',
  '/healthz',
  '/readyz',
];

export type Target = { template: string; path: string };

/** The values list filters are tried with: the canary prefix, the topic, each party, each level, page sizes. */
export type FilterValues = { q: string[]; orgId: string[]; chain: string[]; uuid: string[] };

const isSchema = (x: unknown): x is Schema => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The GET operations of an OpenAPI 3.1 document: path template and query parameters. */
function readGetOperations(doc: unknown): { template: string; query: Parameter[] }[] {
  if (!isSchema(doc) || !isSchema(doc.paths)) throw new Error('not an OpenAPI document: no paths');
  return Object.entries(doc.paths).flatMap(([template, item]) => {
    const get = isSchema(item) ? item.get : undefined;
    if (!isSchema(get)) return [];
    const query = (Array.isArray(get.parameters) ? get.parameters : [])
      .filter(isSchema)
      .filter((p) => p.in === 'query' && typeof p.name === 'string')
      .map((p) => ({ name: String(p.name), schema: isSchema(p.schema) ? p.schema : {} }));
    return [{ template, query }];
  });
}

function enumOf(schema: Schema): string[] {
  const own = Array.isArray(schema.enum) ? schema.enum.filter((v): v is string => typeof v === 'string') : [];
  const nested = [schema.anyOf, schema.oneOf, schema.items]
    .flatMap((x) => (Array.isArray(x) ? x : [x]))
    .filter(isSchema)
    .flatMap(enumOf);
  return [...new Set([...own, ...nested])];
}

function valuesFor(p: Parameter, values: FilterValues): string[] {
  if (p.name === 'q') return values.q;
  if (p.name === 'orgId') return values.orgId;
  if (p.name === 'chain' || p.name === 'chainId') return values.chain;
  if (p.name === 'pageSize' || p.name === 'limit') return ['1', '100'];
  if (p.name === 'page') return ['2'];
  const levels = enumOf(p.schema);
  if (levels.length > 0) return levels;
  if (p.schema.type === 'boolean') return ['true', 'false'];
  if (p.schema.format === 'uuid') return values.uuid;
  return [];
}

/** No filter, each filter value alone, and each again with the largest page (a leak may sit on page 2). */
function queryVariants(params: Parameter[], values: FilterValues): string[] {
  const pages = params.some((p) => p.name === 'pageSize');
  const variants = [''];
  for (const p of params) {
    for (const value of valuesFor(p, values)) {
      const one = `${p.name}=${encodeURIComponent(value)}`;
      variants.push(`?${one}`);
      if (pages && p.name !== 'pageSize') variants.push(`?${one}&pageSize=100`);
    }
  }
  return variants;
}

/** Every way to fill the template's `{param}`s from the known ids (their product, when there are several). */
function fillPath(template: string, ids: readonly string[]): string[] {
  const names = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
  let paths = [template];
  for (const name of names) paths = paths.flatMap((path) => ids.map((id) => path.replace(`{${name}}`, id)));
  return paths;
}

const exportFilters: Parameter[] = ['q', 'orgId', 'chain', 'confidentiality', 'pageSize'].map((name) => ({
  name,
  schema: name === 'confidentiality' ? { enum: ['public', 'desensitised', 'confidential'] } : {},
}));

/** Every GET the app documents, plus exports and undocumented pages, with ids and filter variants filled in. */
export function readableTargets(doc: unknown, ids: readonly string[], values: FilterValues) {
  const gets = readGetOperations(doc);
  const targets: Target[] = [];
  const templates = [...gets, ...exportRoutes.map((template) => ({ template, query: exportFilters }))];
  for (const { template, query } of templates) {
    const variants = queryVariants(query, values);
    // Every id on the bare path; filter variants with the records' own ids only, where the pages have rows.
    for (const path of fillPath(template, ids)) targets.push({ template, path });
    const withRows = template.includes('{') ? fillPath(template, values.uuid) : [template];
    for (const path of withRows) {
      for (const variant of variants.slice(1)) targets.push({ template, path: `${path}${variant}` });
    }
  }
  for (const page of undocumentedPages) targets.push({ template: page, path: page });
  return { targets, documented: gets.map((op) => op.template) };
}
