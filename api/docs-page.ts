import { constraints, escapeHtml, type Json, markdown, schemaTable, typeLabel } from './docs-schema.ts';

/**
 * A self-contained API reference rendered on the server from the OpenAPI document: no script, no CDN, so it
 * works on an offline bureau network and in the embedded default, under the app's nonce CSP.
 */
type Parameter = {
  name: string;
  in: string;
  required?: boolean;
  schema?: Json;
  description?: string;
  example?: unknown;
};
type Media = { schema?: Json; example?: unknown };
type Response = { description?: string; content?: Record<string, Media>; headers?: Record<string, Json> };
type Operation = {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: Parameter[];
  requestBody?: { description?: string; required?: boolean; content?: Record<string, Media> };
  responses?: Record<string, Response>;
};

const example = (value: unknown) =>
  value === undefined ? '' : `<pre>${escapeHtml(JSON.stringify(value, null, 2))}</pre>`;

function parametersTable(params: Parameter[]): string {
  if (params.length === 0) return '';
  const rows = params.map(
    (p) =>
      `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${escapeHtml(p.in)}</td><td>${typeLabel(p.schema ?? {})}</td>` +
      `<td>${constraints(p.schema ?? {}, p.required === true)}</td><td>${markdown(p.description)}` +
      `${p.example === undefined ? '' : `<p class="d">e.g. <code>${escapeHtml(JSON.stringify(p.example))}</code></p>`}</td></tr>`,
  );
  return `<h4>Parameters</h4><table><tr><th>name</th><th>in</th><th>type</th><th>constraints</th><th>notes</th></tr>${rows.join('')}</table>`;
}

function requestBody(op: Operation): string {
  const [type, media] = Object.entries(op.requestBody?.content ?? {})[0] ?? [];
  if (!type || !media) return '';
  const optional = op.requestBody?.required ? '' : ' (optional)';
  return `<h4>Body <code>${escapeHtml(type)}</code>${optional}</h4>${markdown(op.requestBody?.description)}${schemaTable(media.schema)}${
    media.example === undefined ? '' : `<details><summary>Example</summary>${example(media.example)}</details>`
  }`;
}

/** Headers every answer carries are described once at the top of the page, not under each status. */
const everyAnswer = new Set(['X-Request-Id']);

function responseItem(status: string, response: Response): string {
  const [type, media] = Object.entries(response.content ?? {})[0] ?? [];
  const headers = Object.keys(response.headers ?? {}).filter((h) => !everyAnswer.has(h));
  const isProblem = type === 'application/problem+json';
  const head =
    `<code>${escapeHtml(status)}</code>${type ? ` <code>${escapeHtml(type)}</code>` : ''} ` +
    `${markdown(response.description).replace(/^<p>|<\/p>$/g, '')}` +
    `${headers.length ? ` <span class="d">headers: ${headers.map((h) => `<code>${escapeHtml(h)}</code>`).join(', ')}</span>` : ''}`;
  // Problem documents all share one schema, shown once under Schemas.
  if (!media?.schema || isProblem || type !== 'application/json') return `<li>${head}</li>`;
  return `<li><details><summary>${head}</summary>${schemaTable(media.schema)}</details></li>`;
}

function renderOperation(method: string, path: string, op: Operation): string {
  const id = op.operationId ?? `${method}-${path}`;
  const responses = Object.entries(op.responses ?? {}).map(([status, r]) => responseItem(status, r));
  const locked = op.security && op.security.length > 0;
  return `<section class="op" id="${escapeHtml(id)}">
<h3><span class="m ${escapeHtml(method)}">${escapeHtml(method.toUpperCase())}</span> <code>${escapeHtml(path)}</code>${locked ? ' 🔑' : ''} <small class="d">${escapeHtml(op.operationId ?? '')}</small></h3>
${markdown(op.summary)}${op.description ? `<div class="d">${markdown(op.description)}</div>` : ''}
${parametersTable(op.parameters ?? [])}${requestBody(op)}
<h4>Responses</h4><ul>${responses.join('')}</ul></section>`;
}

function schemasSection(spec: Json): string {
  const schemas = ((spec.components as Json | undefined)?.schemas ?? {}) as Record<string, Json>;
  return Object.entries(schemas)
    .map(
      ([name, schema]) =>
        `<section class="op" id="schema-${escapeHtml(name)}"><h3>${escapeHtml(name)}</h3>` +
        `${markdown(schema.description as string | undefined)}${schemaTable(schema)}</section>`,
    )
    .join('');
}

const styles = `body{font:15px/1.6 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#1d2430}
h1{font-size:1.6em}h2{border-bottom:2px solid #dde3ea;margin-top:2em;text-transform:capitalize}
.op{border:1px solid #dde3ea;border-radius:8px;padding:.3em 1em;margin:1em 0}.op h3{font-size:1.05em}
.m{display:inline-block;min-width:4em;text-align:center;border-radius:4px;color:#fff;font-size:.85em;padding:0 .4em}
.get{background:#2f7dd1}.post{background:#2e9e5b}.patch{background:#c98a1a}.delete{background:#c0392b}
table{border-collapse:collapse;width:100%;font-size:.92em}td,th{border:1px solid #e5e9ef;padding:.2em .5em;text-align:left;vertical-align:top}
td p{margin:0}code{background:#f3f5f8;padding:0 .25em;border-radius:3px}.d{color:#4b5565}
pre{background:#f3f5f8;padding:.5em;border-radius:6px;overflow-x:auto;font-size:.88em}summary{cursor:pointer}`;

/** `nonce` is this response's CSP nonce: the page's one inline stylesheet carries it (api/security-headers.ts). */
export function renderDocsPage(doc: object, nonce: string): string {
  const spec = doc as Json;
  const info = (spec.info ?? {}) as { title?: string; description?: string; version?: string };
  const tags = (spec.tags ?? []) as { name: string; description?: string }[];
  const byTag = new Map<string, string[]>(tags.map((t) => [t.name, []]));
  for (const [path, item] of Object.entries((spec.paths ?? {}) as Record<string, Record<string, Operation>>)) {
    for (const [method, op] of Object.entries(item)) {
      const tag = op.tags?.[0] ?? 'other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), renderOperation(method, path, op)]);
    }
  }
  const described = new Map(tags.map((t) => [t.name, t.description]));
  const used = [...byTag].filter(([, ops]) => ops.length > 0);
  const sections = used.map(
    ([tag, ops]) =>
      `<h2 id="tag-${escapeHtml(tag)}">${escapeHtml(tag)}</h2>${markdown(described.get(tag))}${ops.join('')}`,
  );
  const nav = [...used.map(([tag]) => tag), 'schemas']
    .map((tag) => `<a href="#tag-${escapeHtml(tag)}">${escapeHtml(tag)}</a>`)
    .join(' · ');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(info.title ?? 'API')}</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><style nonce="${nonce}">
${styles}
</style></head><body><h1>${escapeHtml(info.title ?? 'API')} <small>${escapeHtml(info.version ?? '')}</small></h1>
${markdown(info.description)}<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1). 🔑 = needs a Bearer API key.
Every answer carries an <code>X-Request-Id</code> header; errors are <a href="#schema-Problem">Problem</a> documents.</p>
<nav>${nav}</nav>${sections.join('')}<h2 id="tag-schemas">schemas</h2>${schemasSection(spec)}</body></html>`;
}
