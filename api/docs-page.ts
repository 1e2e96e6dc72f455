/**
 * A self-contained API reference rendered on the server from the OpenAPI document: no script, no CDN, so it
 * works on an offline bureau network and in the embedded default.
 */
type Json = Record<string, unknown>;
type Operation = {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: { name: string; in: string; required?: boolean; schema?: Json; description?: string }[];
  requestBody?: { content?: Record<string, { schema?: Json }> };
  responses?: Record<string, { description?: string }>;
};

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function resolve(doc: Json, schema: Json | undefined): Json {
  const ref = schema?.$ref;
  if (typeof ref !== 'string') return schema ?? {};
  const name = ref.split('/').pop() ?? '';
  const components = (doc.components as Json | undefined)?.schemas as Record<string, Json> | undefined;
  return components?.[name] ?? {};
}

function typeLabel(schema: Json): string {
  if (Array.isArray(schema.enum)) return schema.enum.map(String).join(' | ');
  if (schema.type === 'array') return `${typeLabel((schema.items as Json) ?? {})}[]`;
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as Json[]).map(typeLabel).join(' | ');
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : String(schema.type ?? 'object');
  return schema.format ? `${type} (${String(schema.format)})` : type;
}

function fieldsTable(doc: Json, schema: Json | undefined): string {
  const resolved = resolve(doc, schema);
  const props = (resolved.properties ?? {}) as Record<string, Json>;
  const required = new Set((resolved.required as string[] | undefined) ?? []);
  const rows = Object.entries(props).map(
    ([name, prop]) =>
      `<tr><td><code>${escapeHtml(name)}</code>${required.has(name) ? ' <b>*</b>' : ''}</td>` +
      `<td>${escapeHtml(typeLabel(resolve(doc, prop)))}</td><td>${escapeHtml(String(prop.description ?? ''))}</td></tr>`,
  );
  return rows.length ? `<table><tr><th>field</th><th>type</th><th>notes</th></tr>${rows.join('')}</table>` : '';
}

function renderOperation(doc: Json, method: string, path: string, op: Operation): string {
  const params = (op.parameters ?? []).map(
    (p) =>
      `<tr><td><code>${escapeHtml(p.name)}</code>${p.required ? ' <b>*</b>' : ''}</td><td>${p.in}</td>` +
      `<td>${escapeHtml(typeLabel(p.schema ?? {}))}</td></tr>`,
  );
  const body = op.requestBody?.content?.['application/json']?.schema;
  const responses = Object.entries(op.responses ?? {}).map(
    ([status, r]) => `<li><code>${status}</code> ${escapeHtml(r.description ?? '')}</li>`,
  );
  return `<section class="op" id="${method}-${escapeHtml(path)}">
<h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code>${op.security ? ' 🔑' : ''}</h3>
<p>${escapeHtml(op.summary ?? '')}</p>${op.description ? `<p class="d">${escapeHtml(op.description)}</p>` : ''}
${params.length ? `<h4>Parameters</h4><table><tr><th>name</th><th>in</th><th>type</th></tr>${params.join('')}</table>` : ''}
${body ? `<h4>Body (application/json)</h4>${fieldsTable(doc, body as Json)}` : ''}
<h4>Responses</h4><ul>${responses.join('')}</ul></section>`;
}

/** `nonce` is this response's CSP nonce: the page's one inline stylesheet carries it (api/security-headers.ts). */
export function renderDocsPage(doc: object, nonce: string): string {
  const spec = doc as Json;
  const info = (spec.info ?? {}) as { title?: string; description?: string; version?: string };
  const byTag = new Map<string, string[]>();
  for (const [path, item] of Object.entries((spec.paths ?? {}) as Record<string, Record<string, Operation>>)) {
    for (const [method, op] of Object.entries(item)) {
      const tag = op.tags?.[0] ?? 'other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), renderOperation(spec, method, path, op)]);
    }
  }
  const sections = [...byTag].map(
    ([tag, ops]) => `<h2 id="tag-${escapeHtml(tag)}">${escapeHtml(tag)}</h2>${ops.join('')}`,
  );
  const nav = [...byTag.keys()].map((tag) => `<a href="#tag-${escapeHtml(tag)}">${escapeHtml(tag)}</a>`).join(' · ');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(info.title ?? 'API')}</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><style nonce="${nonce}">
body{font:15px/1.6 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#1d2430}
h1{font-size:1.6em}h2{border-bottom:2px solid #dde3ea;margin-top:2em;text-transform:capitalize}
.op{border:1px solid #dde3ea;border-radius:8px;padding:.3em 1em;margin:1em 0}.op h3{font-size:1.05em}
.m{display:inline-block;min-width:4em;text-align:center;border-radius:4px;color:#fff;font-size:.85em;padding:0 .4em}
.get{background:#2f7dd1}.post{background:#2e9e5b}.patch{background:#c98a1a}.delete{background:#c0392b}
table{border-collapse:collapse;width:100%;font-size:.92em}td,th{border:1px solid #e5e9ef;padding:.2em .5em;text-align:left}
code{background:#f3f5f8;padding:0 .25em;border-radius:3px}.d{color:#4b5565}
</style></head><body><h1>${escapeHtml(info.title ?? 'API')} <small>${escapeHtml(info.version ?? '')}</small></h1>
<p>${escapeHtml(info.description ?? '')}</p><p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1). 🔑 = needs a Bearer API key.</p>
<nav>${nav}</nav>${sections.join('')}</body></html>`;
}
