import { existsSync, writeFileSync } from 'node:fs';
import { fieldText } from '../api/i18n.ts';
import { parseMapArgs } from '../matching/import/column-map.ts';
import { type ImportProgress, type ImportReport, importFile } from '../matching/import/import-file.ts';
import { type ImportKind, importKinds } from '../matching/import/import-kinds.ts';
import { ImportSetupError } from '../matching/import/read-table.ts';
import { CliError, parseCli, runCli, usageError } from './cli-args.ts';
import { loadConfig } from './config.ts';
import { createDeps } from './create-deps.ts';

const usage = `usage: npm run import -- FILE [--kind achievement|need] [--org ORG_ID] [--map 列名=field,...]
                      [--report out.json] [--batch 500]
  FILE        .csv (UTF-8, with or without BOM, or GBK), .xlsx (first sheet, header in row 1) or .jsonl
  --kind      achievement (default) or need
  --org       every row belongs to this organisation; otherwise a 单位/机构/institution column names it
  --map       column=field overrides, e.g. --map 成果标题=title,专利=patent,备注=-  (- ignores a column)
  --report    write the full report (rejected rows with reasons, duplicates) as JSON`;

const cli = {
  usage,
  options: {
    kind: { type: 'string', default: 'achievement' },
    org: { type: 'string' },
    map: { type: 'string', multiple: true, default: [] as string[] },
    report: { type: 'string' },
    batch: { type: 'string', default: '500' },
  },
  positionals: { names: ['FILE'], required: 1 },
  choices: { kind: importKinds },
} as const;

/** npm run import -- FILE … : bulk import with per-row validation, de-duplication and resumable re-runs. */
async function main() {
  const { values, positionals } = parseCli(cli);
  const [file = ''] = positionals;
  const kind = values.kind as ImportKind;
  const batchSize = Number(values.batch);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 2000) usageError(cli, '--batch: 1 to 2000');
  const map = parseMapArgs(values.map);
  // Checked before the database opens: a mistyped path should not cost a migration run (or the folder's lock).
  if (!existsSync(file)) throw new CliError(`${file}: no such file`);

  const runtime = await createDeps({ ...loadConfig(), LOG_LEVEL: 'warn' });
  try {
    const progress = progressPrinter();
    const report = await importFile(runtime.deps, {
      file,
      kind,
      orgId: values.org,
      map,
      batchSize,
      onProgress: progress,
    });
    progress.finish();
    const withMessages = {
      ...report,
      rejectedRows: report.rejectedRows.map((r) => ({
        ...r,
        reasons: r.reasons.map((i) => ({ ...i, message: fieldText(i, 'zh') })),
      })),
    };
    if (values.report) writeFileSync(values.report, `${JSON.stringify(withMessages, null, 2)}\n`);
    process.stdout.write(summary(withMessages, values.report));
  } finally {
    await runtime.close();
  }
}

/** A bar on a terminal; on a pipe or CI log, one line every two seconds instead of a thousand redraws. */
function progressPrinter() {
  const tty = process.stderr.isTTY === true;
  let lastLine = 0;
  const render = (p: ImportProgress) => {
    const rate = p.elapsedMs > 0 ? Math.round((p.done / p.elapsedMs) * 1000) : 0;
    const share = p.total === 0 ? 1 : p.done / p.total;
    const bar = `${'#'.repeat(Math.round(share * 24))}${'.'.repeat(24 - Math.round(share * 24))}`;
    return `[${bar}] ${p.done}/${p.total} ${Math.round(share * 100)}% · ${rate} rows/s · inserted ${p.inserted} · duplicates ${p.duplicates} · rejected ${p.rejected}`;
  };
  const print = (p: ImportProgress) => {
    if (tty) process.stderr.write(`\r${render(p)}`);
    else if (Date.now() - lastLine >= 2000 || p.done === p.total) {
      lastLine = Date.now();
      process.stderr.write(`${render(p)}\n`);
    }
  };
  return Object.assign(print, { finish: () => tty && process.stderr.write('\n') });
}

type ReportWithMessages = Omit<ImportReport, 'rejectedRows'> & {
  rejectedRows: {
    row: number;
    title: string | undefined;
    reasons: { field: string; issue: string; column?: string | undefined; message: string }[];
  }[];
};

function summary(r: ReportWithMessages, reportFile: string | undefined): string {
  const seconds = r.elapsedMs / 1000;
  const lines = [
    `${r.file} (${r.format}${r.encoding ? `, ${r.encoding}` : ''}) → ${r.kind}s`,
    `columns: ${Object.entries(r.columns)
      .map(([c, f]) => `${c}→${f}`)
      .join(', ')}`,
    ...(r.ignoredColumns.length ? [`ignored columns: ${r.ignoredColumns.join(', ')}`] : []),
    `read ${r.read} · inserted ${r.inserted} · duplicates skipped ${r.duplicates} · rejected ${r.rejected} ` +
      `(${seconds.toFixed(1)} s, ${Math.round(r.read / Math.max(seconds, 0.001))} rows/s)`,
  ];
  const tally = new Map<string, number>();
  for (const i of r.rejectedRows.flatMap((row) => row.reasons)) {
    const key = `${i.column ?? i.field} ${i.issue}`;
    tally.set(key, (tally.get(key) ?? 0) + 1);
  }
  const top = [...tally].sort((a, b) => b[1] - a[1]).slice(0, 6);
  if (top.length > 0) lines.push(`rejections by reason: ${top.map(([k, n]) => `${k} ×${n}`).join(', ')}`);
  for (const rejected of r.rejectedRows.slice(0, 10)) {
    const reasons = rejected.reasons.map((i) => `${i.column ?? i.field}: ${i.message}`).join('; ');
    lines.push(`  row ${rejected.row}${rejected.title ? ` 「${rejected.title}」` : ''}: ${reasons}`);
  }
  if (r.rejectedRows.length > 10) lines.push(`  … ${r.rejectedRows.length - 10} more rejected rows`);
  if (reportFile) lines.push(`report: ${reportFile}`);
  return `${lines.join('\n')}\n`;
}

// A file the tool cannot use as asked (no such column, a wrong --map) is a usage problem, as before: exit 2.
runCli('import', main, (error) => (error instanceof ImportSetupError ? 2 : undefined));
