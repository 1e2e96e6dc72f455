/**
 * Pieces of the /docs page (api/docs-page.ts): the small Markdown the document's descriptions use, and JSON
 * Schemas as field tables with their constraints. Named schemas are linked, not expanded, so each is shown
 * once (in the page's Schemas section) and the page stays small.
 */
export type Json = Record<string, unknown>;

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * Inline Markdown on escaped text: `code`, **strong**, and [links](url) to this site or http(s) only, so a
 * description can never inject markup or a `javascript:` URL.
 */
function inline(text: string): string {
  return escapeHtml(text)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/\[([^\]]+)\]\(((?:https?:\/\/|\/)[^)\s]*)\)/g, '<a href="$2">$1</a>');
}

/** Paragraphs on blank lines, `- ` lines as a list; everything else inline. */
export function markdown(text: string | undefined): string {
  if (!text) return '';
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((block) => {
      const lines = block.split('\n');
      if (lines.every((l) => /^\s*- /.test(l))) {
        return `<ul>${lines.map((l) => `<li>${inline(l.replace(/^\s*- /, ''))}</li>`).join('')}</ul>`;
      }
      return `<p>${inline(block)}</p>`;
    })
    .join('');
}

export const refName = (schema: Json | undefined): string | undefined => {
  const ref = schema?.$ref;
  return typeof ref === 'string' ? ref.split('/').pop() : undefined;
};

const schemaLink = (name: string) => `<a href="#schema-${escapeHtml(name)}">${escapeHtml(name)}</a>`;

/** The type column: a linked schema name, `X[]`, a union, or the JSON type with its format. */
export function typeLabel(schema: Json): string {
  const name = refName(schema);
  if (name) return schemaLink(name);
  const variants = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
  if (Array.isArray(variants)) return variants.map(typeLabel).join(' | ');
  if (schema.type === 'array') return `${typeLabel((schema.items as Json | undefined) ?? {})}[]`;
  const types = (Array.isArray(schema.type) ? schema.type : [schema.type ?? 'object']).map(String);
  const shown = types.filter((t) => t !== 'null').join(' | ') || 'null';
  return escapeHtml(schema.format ? `${shown} (${String(schema.format)})` : shown);
}

const range = (min: unknown, max: unknown) =>
  min !== undefined && max !== undefined ? `${min}–${max}` : min !== undefined ? `≥ ${min}` : `≤ ${max}`;
const code = (value: unknown) => `<code>${escapeHtml(JSON.stringify(value))}</code>`;

/** What a value must satisfy beyond its type, as short phrases. */
export function constraints(schema: Json, required: boolean): string {
  const out: string[] = [];
  if (required) out.push('<b>required</b>');
  const types = Array.isArray(schema.type) ? schema.type : [];
  if (types.includes('null') || (Array.isArray(schema.enum) && schema.enum.includes(null))) out.push('nullable');
  const values = Array.isArray(schema.enum) ? schema.enum.filter((v) => v !== null) : [];
  if (values.length > 0) out.push(`one of ${values.map(code).join(', ')}`);
  const items = schema.items as Json | undefined;
  if (Array.isArray(items?.enum)) out.push(`each one of ${items.enum.map(code).join(', ')}`);
  if (schema.minLength !== undefined || schema.maxLength !== undefined)
    out.push(`length ${range(schema.minLength, schema.maxLength)}`);
  if (schema.minimum !== undefined || schema.maximum !== undefined)
    out.push(`value ${range(schema.minimum, schema.maximum)}`);
  if (schema.minItems !== undefined || schema.maxItems !== undefined)
    out.push(`${range(schema.minItems, schema.maxItems)} items`);
  if (typeof items?.maxLength === 'number') out.push(`each ${range(items.minLength, items.maxLength)} chars`);
  if (typeof schema.pattern === 'string') out.push(`pattern <code>${escapeHtml(schema.pattern)}</code>`);
  if (schema.default !== undefined) out.push(`default ${code(schema.default)}`);
  return out.join('; ');
}

type Row = { name: string; schema: Json; required: boolean };

/** Rows for an object's fields; anonymous nested objects (and arrays of them) add `parent.child` rows. */
function rows(schema: Json, prefix = '', depth = 0): Row[] {
  const props = (schema.properties ?? {}) as Record<string, Json>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return Object.entries(props).flatMap(([name, prop]) => {
    const row = { name: `${prefix}${name}`, schema: prop, required: required.has(name) };
    const nested = prop.type === 'array' ? ((prop.items as Json | undefined) ?? {}) : prop;
    const expand = depth < 3 && !refName(nested) && nested.properties !== undefined;
    const suffix = prop.type === 'array' ? '[].' : '.';
    return [row, ...(expand ? rows(nested, `${row.name}${suffix}`, depth + 1) : [])];
  });
}

/** A field table; for a union, one table per variant; for a named schema, a link to it. */
export function schemaTable(schema: Json | undefined): string {
  if (!schema) return '';
  const name = refName(schema);
  if (name) return `<p>${schemaLink(name)}</p>`;
  const variants = (schema.oneOf ?? schema.anyOf) as Json[] | undefined;
  if (Array.isArray(variants)) {
    return variants.map((v, i) => `<p class="d">Variant ${i + 1}</p>${schemaTable(v)}`).join('');
  }
  if (schema.type === 'array') return `<p>Array of ${typeLabel((schema.items as Json | undefined) ?? {})}</p>`;
  const body = rows(schema).map(
    (r) =>
      `<tr><td><code>${escapeHtml(r.name)}</code></td><td>${typeLabel(r.schema)}</td>` +
      `<td>${constraints(r.schema, r.required)}</td><td>${markdown(r.schema.description as string | undefined)}</td></tr>`,
  );
  if (body.length === 0) return `<p>${typeLabel(schema)}</p>`;
  const closed = schema.additionalProperties === false ? '<p class="d">No other fields are accepted.</p>' : '';
  return `<table><tr><th>field</th><th>type</th><th>constraints</th><th>notes</th></tr>${body.join('')}</table>${closed}`;
}
