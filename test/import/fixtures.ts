import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';

/** Import fixtures are written per test into a temp folder: small, Chinese, and readable next to the test. */
export const tempDir = () => mkdtempSync(join(tmpdir(), 'ca-import-'));

const csvCell = (v: unknown) => {
  const s = v === undefined || v === null ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function writeCsv(dir: string, name: string, rows: unknown[][], bom = true): string {
  const file = join(dir, name);
  writeFileSync(file, `${bom ? '\uFEFF' : ''}${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`);
  return file;
}

export function writeJsonl(dir: string, name: string, lines: (Record<string, unknown> | string)[]): string {
  const file = join(dir, name);
  writeFileSync(file, `${lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n')}\n`);
  return file;
}

export async function writeXlsx(dir: string, name: string, rows: ExcelJS.CellValue[][]): Promise<string> {
  const file = join(dir, name);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('成果清单');
  for (const row of rows) sheet.addRow(row);
  workbook.addWorksheet('说明').addRow(['这张表不应被读取']);
  await workbook.xlsx.writeFile(file);
  return file;
}

/** A valid abstract of realistic length, varied by n so rows differ. */
export const abstractOf = (n: number) =>
  `第${n}项成果：针对高盐印染废水难降解的问题，开发负载型催化剂的臭氧催化氧化工艺，与纳滤膜组合后出水可回用。`;

/**
 * "成果名称,成果简介,专利号,完成单位" and one row naming 浙江丝绸研究所, as Excel on a Chinese Windows saves a CSV
 * (GBK); generated once with Python's gbk codec, since Node can decode GBK but not encode it.
 */
export const gbkCsv =
  'b3c9b9fbc3fbb3c62cb3c9b9fbbcf2bde92cd7a8c0fbbac52ccdeab3c9b5a5cebb0abafed6ddcbbfb3f1b5b0b0d7cce1c8a1bcbccaf52cb4d3b2cfcbbfb7cfc1cfd6d0cce1c8a1cbbfcbd8b5b0b0d7d3c3d3dad2bdd3c3b7f3c1cfa3acb4bfb6c8b4efb5bdb0d9b7d6d6aebec5caaebec52c5a4c3230323331303030303030312e312cd5e3bdadcbbfb3f1d1d0bebfcbf90a';
