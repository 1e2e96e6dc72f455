import { type ImportKind, kindSpecs, mapAliases } from './import-kinds.ts';
import { ImportSetupError } from './read-table.ts';

/** Headers compare without width, case, spaces, `_`/`-`, required-markers or a "(万元)"-style unit suffix. */
export const normaliseHeader = (header: string) =>
  header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\([^)]*\)/g, '')
    .replace(/[\s_\-*:.#。：]/g, '');

export type ColumnMap = { columns: Map<string, string>; ignored: string[] };

/** Parses `--map col=field,col2=field2` (repeatable); `col=-` ignores a column. */
export function parseMapArgs(args: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of args.flatMap((a) => a.split(','))) {
    if (!pair.trim()) continue;
    const at = pair.lastIndexOf('=');
    if (at <= 0) throw new ImportSetupError(`--map expects column=field, got "${pair}"`);
    out[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return out;
}

/**
 * Which column feeds which field: explicit --map entries first, then the default Chinese and English names.
 * Several columns may feed one field (JSONL lines mixing `title` and 需求名称, or 名称 beside 成果名称): per row
 * the first non-blank one in this order wins. Columns feeding nothing are reported as ignored, so a typo in a
 * header is seen rather than silently dropped. Missing required columns stop the run up front.
 */
export function resolveColumns(
  headers: string[],
  kind: ImportKind,
  overrides: Record<string, string>,
  hasFixedOrg: boolean,
): ColumnMap {
  const spec = kindSpecs[kind];
  const known = Object.keys(spec.fields);
  const byAlias = new Map<string, string>();
  for (const [field, aliases] of Object.entries(spec.fields)) {
    for (const alias of [field, ...aliases])
      if (!byAlias.has(normaliseHeader(alias))) byAlias.set(normaliseHeader(alias), field);
  }
  const forced = new Map<string, string | null>();
  const present = new Set(headers.map(normaliseHeader));
  for (const [column, target] of Object.entries(overrides)) {
    if (!present.has(normaliseHeader(column))) throw new ImportSetupError(`--map: the file has no column "${column}"`);
    const field = target === '-' ? null : target === 'modes' ? spec.modesField : (mapAliases[target] ?? target);
    if (field !== null && !known.includes(field)) {
      throw new ImportSetupError(`--map ${column}=${target}: unknown field for ${kind}; one of: ${known.join(', ')}`);
    }
    forced.set(normaliseHeader(column), field);
  }
  const columns = new Map<string, string>();
  const taken = new Set<string>();
  const ordered = [...headers].sort(
    (a, b) => Number(forced.has(normaliseHeader(b))) - Number(forced.has(normaliseHeader(a))),
  );
  for (const header of ordered) {
    const key = normaliseHeader(header);
    const field = forced.has(key) ? forced.get(key) : byAlias.get(key);
    if (field) {
      columns.set(header, field);
      taken.add(field);
    }
  }
  const required = ['title', spec.textField, ...(hasFixedOrg ? [] : ['organisation'])];
  const missing = required.filter((field) => !taken.has(field));
  if (missing.length > 0) {
    const hint = missing.map((f) => `${f} (${[f, ...(spec.fields[f] ?? [])].join('/')})`).join('; ');
    const orgHint = missing.includes('organisation') ? ' — or pass --org ORG_ID' : '';
    throw new ImportSetupError(`no column for: ${hint}${orgHint}; map one with --map 列名=field`);
  }
  return { columns, ignored: headers.filter((h) => h && !columns.has(h)) };
}
