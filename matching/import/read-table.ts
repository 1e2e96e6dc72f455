import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { decodeText, type TextEncodingName } from './decode-text.ts';

export type ImportFormat = 'csv' | 'xlsx' | 'jsonl';

/** One data row: `row` is what a person sees (spreadsheet row with the header as 1; JSONL line number). */
export type SourceRow = { row: number; values: Record<string, unknown>; error?: string };
export type Table = { format: ImportFormat; encoding: TextEncodingName | null; headers: string[]; rows: SourceRow[] };

export class ImportSetupError extends Error {}

export function formatOf(file: string): ImportFormat {
  const ext = extname(file).toLowerCase();
  if (ext === '.csv' || ext === '.txt') return 'csv';
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  throw new ImportSetupError(`unsupported file type "${ext}": use .csv, .xlsx or .jsonl (.xls: save as .xlsx)`);
}

/** Reads the whole file: imports are thousands of rows, and knowing the total up front gives a real progress bar. */
export async function readTable(file: string): Promise<Table> {
  const format = formatOf(file);
  if (format === 'xlsx') return readXlsx(file);
  const { text, encoding } = decodeText(await readFile(file));
  return format === 'csv' ? readCsv(text, encoding) : readJsonl(text, encoding);
}

const isBlank = (values: Record<string, unknown>) =>
  Object.values(values).every((v) => v === undefined || v === null || String(v).trim() === '');

function readCsv(text: string, encoding: TextEncodingName): Table {
  // `info.lines` is the line a record ends on: the row number a person sees, even around blank lines.
  const records = parse(text, {
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
  }) as unknown as {
    record: string[];
    info: { lines: number };
  }[];
  const [header, ...data] = records;
  const headers = (header?.record ?? []).map((h) => h.trim());
  const rows = data.flatMap(({ record, info }) => {
    const values = Object.fromEntries(headers.map((h, j) => [h, record[j]]));
    return isBlank(values) ? [] : [{ row: info.lines, values }];
  });
  return { format: 'csv', encoding, headers, rows };
}

function readJsonl(text: string, encoding: TextEncodingName): Table {
  const headers = new Set<string>();
  const rows: SourceRow[] = [];
  for (const [i, line] of text.split(/\r?\n/).entries()) {
    if (line.trim() === '') continue;
    try {
      const value: unknown = JSON.parse(line);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
      const values = value as Record<string, unknown>;
      for (const key of Object.keys(values)) headers.add(key);
      rows.push({ row: i + 1, values });
    } catch {
      rows.push({ row: i + 1, values: {}, error: 'invalid_json' });
    }
  }
  return { format: 'jsonl', encoding, headers: [...headers], rows };
}

async function readXlsx(file: string): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new ImportSetupError('the workbook has no sheet');
  const headerCells = sheet.getRow(1).values as ExcelJS.CellValue[];
  const headers = headerCells.map((cell) => String(cellText(cell) ?? '').trim());
  const rows: SourceRow[] = [];
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells = row.values as ExcelJS.CellValue[];
    // exceljs rows are 1-based: index 0 is always empty, and so is headers[0].
    const values: Record<string, unknown> = {};
    headers.forEach((h, j) => {
      if (h) values[h] = cellText(cells[j]);
    });
    if (!isBlank(values)) rows.push({ row: rowNumber, values });
  });
  return { format: 'xlsx', encoding: null, headers: headers.filter(Boolean), rows };
}

/** A cell as a plain value: rich text joined, hyperlinks as their text, formulas as their cached result. */
function cellText(cell: ExcelJS.CellValue): unknown {
  if (cell === null || cell === undefined) return undefined;
  if (typeof cell !== 'object' || cell instanceof Date) return cell;
  if ('richText' in cell) return cell.richText.map((part) => part.text).join('');
  if ('hyperlink' in cell) return cell.text;
  if ('result' in cell) return cellText(cell.result as ExcelJS.CellValue);
  return undefined;
}
