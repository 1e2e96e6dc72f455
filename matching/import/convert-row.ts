import type { FieldIssue } from '../core/errors.ts';
import { ValidationError } from '../core/errors.ts';
import { displaySafe, findUnsafeText, unsafeTextIssue } from '../core/unsafe-text.ts';
import { toFieldIssues } from '../core/validate.ts';
import { assertRangesOrdered } from '../records/ranges.ts';
import { importKeyOf } from './import-key.ts';
import { type ImportKind, kindSpecs } from './import-kinds.ts';
import type { Lookups } from './lookups.ts';
import {
  isBlank,
  type Parsed,
  parseConfidentiality,
  parseDate,
  parseInteger,
  parseIntRange,
  parseIpStatus,
  parseModes,
  parseMoney,
  parseMoneyRange,
  splitList,
} from './parse-values.ts';
import type { SourceRow } from './read-table.ts';

/** A reason a row was rejected: the domain field, and the file's column it came from when there is one. */
export type RowIssue = FieldIssue & { column?: string | undefined };

export type RowOutcome =
  | { ok: true; row: number; data: Record<string, unknown>; orgId: string; importKey: string }
  | { ok: false; row: number; title: string | undefined; issues: RowIssue[] };

type Context = { kind: ImportKind; columns: Map<string, string>; lookups: Lookups; fixedOrgId: string | undefined };

/**
 * One source row to validated domain data: lenient cell readers first (Chinese names, units, ranges), then
 * the domain's own zod schema and range checks, exactly as the API would apply them.
 */
export function convertRow(source: SourceRow, ctx: Context): RowOutcome {
  if (source.error) {
    return { ok: false, row: source.row, title: undefined, issues: [{ field: '(row)', issue: source.error }] };
  }
  const raw: Record<string, unknown> = {};
  const columnOf: Record<string, string> = {};
  for (const [header, field] of ctx.columns) {
    const value = source.values[header];
    if (isBlank(value) || field in raw) continue;
    raw[field] = typeof value === 'string' ? value.trim() : value;
    columnOf[field] = header;
  }
  const issues: RowIssue[] = [];
  const input: Record<string, unknown> = {};
  const put = <T>(field: string, parsed: Parsed<T>, apply: (value: T) => void) => {
    if ('value' in parsed) apply(parsed.value);
    else issues.push({ field, issue: parsed.issue, params: parsed.params, column: columnOf[field] });
  };
  const spec = kindSpecs[ctx.kind];
  const team: Record<string, unknown> = {};

  for (const [field, value] of Object.entries(raw)) {
    // PostgreSQL text cannot hold NUL (the whole batch would fail); the row is rejected like any other bad cell.
    const unsafe = findUnsafeText(value, field);
    if (unsafe.length > 0) {
      for (const path of unsafe) issues.push({ field: path, issue: unsafeTextIssue, column: columnOf[field] });
      continue;
    }
    switch (field) {
      case 'title':
      case 'abstract':
      case 'description':
        input[field] = typeof value === 'number' ? String(value) : value;
        break;
      case 'keywords':
      case 'privateFields':
        input[field] = splitList(value);
        break;
      case 'chainId': {
        const id = ctx.lookups.chain(String(value));
        if (id) input.chainId = id;
        else issues.push({ field, issue: 'unknown_chain', params: { values: String(value) }, column: columnOf[field] });
        break;
      }
      case 'confidentiality':
        put(field, parseConfidentiality(value), (v) => (input[field] = v));
        break;
      case 'ipStatus':
        put(field, parseIpStatus(value), (v) => (input[field] = v));
        break;
      case 'patents[0].number':
        if (!('patents' in raw)) input.patents = [{ number: String(value) }];
        break;
      case 'patents':
      case 'team':
        input[field] = value;
        break;
      case 'team.lead':
        team.lead = String(value);
        break;
      case 'team.members':
        team.members = splitList(value);
        break;
      case 'transferModes':
      case 'cooperationModes':
        put(field, parseModes(value), (v) => (input[field] = v));
        break;
      case 'trl':
        if (ctx.kind === 'achievement') put(field, parseInteger(value), (v) => (input.trl = v));
        else put(field, parseIntRange(value), (v) => Object.assign(input, { trlMin: v.min, trlMax: v.max }));
        break;
      case 'trlMin':
      case 'trlMax':
        put(field, parseInteger(value), (v) => (input[field] = v));
        break;
      case 'price':
      case 'budget':
        put(field, parseMoneyRange(value), (v) =>
          Object.assign(input, { [`${field}Min`]: v.min, [`${field}Max`]: v.max }),
        );
        break;
      case 'priceMin':
      case 'priceMax':
      case 'budgetMin':
      case 'budgetMax':
        put(field, parseMoney(value), (v) => (input[field] = v));
        break;
      case 'deadline':
        put(field, parseDate(value), (v) => (input.deadline = v));
        break;
    }
  }
  if (Object.keys(team).length > 0 && !('team' in raw)) input.team = team;
  for (const key of Object.keys(input)) if (input[key] === undefined) delete input[key];

  let orgId = ctx.fixedOrgId;
  if (!orgId) {
    const name = raw.organisation;
    const found = isBlank(name)
      ? ({ field: 'organisation', issue: 'missing_organisation' } as FieldIssue)
      : ctx.lookups.organisation(String(name));
    if ('id' in found) orgId = found.id;
    else issues.push({ ...found, column: columnOf.organisation });
  }

  const parsed = spec.schema.safeParse(input);
  if (parsed.success) issues.push(...rangeIssues(ctx.kind, parsed.data));
  else issues.push(...toFieldIssues(parsed.error).filter((i) => !issues.some((mine) => mine.field === i.field)));
  const title = typeof raw.title === 'string' ? displaySafe(raw.title.slice(0, 80)) : undefined;
  if (issues.length > 0 || !parsed.success || !orgId) {
    return {
      ok: false,
      row: source.row,
      title,
      issues: issues.map((i) => ({ ...i, column: i.column ?? columnFor(i.field, columnOf) })),
    };
  }
  const data = parsed.data as Record<string, unknown> & { title: string; patents?: { number: string }[] };
  return {
    ok: true,
    row: source.row,
    data,
    orgId,
    importKey: importKeyOf(ctx.kind, data.title, orgId, data.patents?.[0]?.number),
  };
}

function rangeIssues(kind: ImportKind, data: Record<string, unknown>): RowIssue[] {
  const n = (k: string) => (typeof data[k] === 'number' ? (data[k] as number) : undefined);
  try {
    assertRangesOrdered(
      kind === 'achievement'
        ? [['priceMin', n('priceMin'), n('priceMax')]]
        : [
            ['trlMin', n('trlMin'), n('trlMax')],
            ['budgetMin', n('budgetMin'), n('budgetMax')],
          ],
    );
    return [];
  } catch (error) {
    if (error instanceof ValidationError) return error.fields;
    throw error;
  }
}

/** The column behind a domain field: priceMin may come from 价格 (price), patents from 专利号, team from 负责人. */
function columnFor(field: string, columnOf: Record<string, string>): string | undefined {
  const head = field.split('.')[0] ?? field;
  const stem = head.replace(/(Min|Max)$/, '');
  const source = Object.keys(columnOf).find(
    (f) => f === head || f === stem || f.startsWith(`${head}.`) || f.startsWith(`${head}[`),
  );
  return source ? columnOf[source] : undefined;
}
