import type { Deps } from '../core/deps.ts';
import { resolveColumns } from './column-map.ts';
import { convertRow, type RowIssue } from './convert-row.ts';
import type { ImportKind } from './import-kinds.ts';
import { insertBatch, type ReadyRow } from './insert-batch.ts';
import { assertImportOrg, loadLookups } from './lookups.ts';
import { type ImportFormat, readTable } from './read-table.ts';

export type ImportOptions = {
  file: string;
  kind: ImportKind;
  /** Every row belongs to this organisation; otherwise each row names its own (单位/机构 column). */
  orgId?: string | undefined;
  /** Column → field overrides (see parseMapArgs). */
  map?: Record<string, string> | undefined;
  batchSize?: number | undefined;
  onProgress?: ((progress: ImportProgress) => void) | undefined;
};

export type ImportProgress = {
  done: number;
  total: number;
  inserted: number;
  duplicates: number;
  rejected: number;
  elapsedMs: number;
};

export type RejectedRow = { row: number; title: string | undefined; reasons: RowIssue[] };

export type ImportReport = ImportProgress & {
  file: string;
  kind: ImportKind;
  format: ImportFormat;
  encoding: string | null;
  columns: Record<string, string>;
  ignoredColumns: string[];
  read: number;
  duplicateRows: number[];
  rejectedRows: RejectedRow[];
};

/**
 * Imports a CSV, XLSX or JSONL file of achievements or needs. Bad rows are reported with their reasons and
 * good rows still land; rows are keyed by title + organisation + first patent number, so running the same
 * file again (after an interruption, or by mistake) only adds what is missing.
 */
export async function importFile(deps: Deps, options: ImportOptions): Promise<ImportReport> {
  const started = Date.now();
  const { kind } = options;
  if (options.orgId) await assertImportOrg(deps.db, kind, options.orgId);
  const table = await readTable(options.file);
  const { columns, ignored } = resolveColumns(table.headers, kind, options.map ?? {}, Boolean(options.orgId));
  const lookups = await loadLookups(deps.db, kind);
  const batchSize = options.batchSize ?? 500;
  const report: ImportReport = {
    file: options.file,
    kind,
    format: table.format,
    encoding: table.encoding,
    columns: Object.fromEntries(columns),
    ignoredColumns: ignored,
    read: table.rows.length,
    total: table.rows.length,
    done: 0,
    inserted: 0,
    duplicates: 0,
    rejected: 0,
    elapsedMs: 0,
    duplicateRows: [],
    rejectedRows: [],
  };
  for (let start = 0; start < table.rows.length; start += batchSize) {
    const ready: ReadyRow[] = [];
    for (const source of table.rows.slice(start, start + batchSize)) {
      const outcome = convertRow(source, { kind, columns, lookups, fixedOrgId: options.orgId });
      if (outcome.ok) ready.push(outcome);
      else report.rejectedRows.push({ row: outcome.row, title: outcome.title, reasons: outcome.issues });
    }
    const inserted = await insertBatch(deps, kind, ready);
    for (const row of ready) {
      // The first row of a key inserted it; a later row with the same key in this batch is a duplicate.
      if (inserted.delete(row.importKey)) report.inserted += 1;
      else report.duplicateRows.push(row.row);
    }
    report.done = Math.min(start + batchSize, table.rows.length);
    report.duplicates = report.duplicateRows.length;
    report.rejected = report.rejectedRows.length;
    report.elapsedMs = Date.now() - started;
    options.onProgress?.(progressOf(report));
  }
  report.elapsedMs = Date.now() - started;
  return report;
}

const progressOf = (r: ImportReport): ImportProgress => ({
  done: r.done,
  total: r.total,
  inserted: r.inserted,
  duplicates: r.duplicates,
  rejected: r.rejected,
  elapsedMs: r.elapsedMs,
});
