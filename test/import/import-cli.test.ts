import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../schema/db.ts';
import { organisations } from '../../schema/organisations.ts';
import { abstractOf, gbkCsv, tempDir, writeCsv } from './fixtures.ts';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;

/** `npm run import` end to end: a real process on an embedded database directory, as an operator runs it. */
describe('import CLI', () => {
  const dir = tempDir();
  const env = { ...process.env, DATA_DIR: join(dir, 'data'), DATABASE_URL: '', LOG_LEVEL: 'warn', DEMO_DATA: 'off' };
  const cli = (...args: string[]) =>
    run(join(root, 'node_modules/.bin/tsx'), [join(root, 'scripts/import.ts'), ...args], { cwd: root, env }).catch(
      (error: { code: number; stdout: string; stderr: string }) => error,
    );

  beforeAll(async () => {
    const handle = await openDb({ dataDir: env.DATA_DIR });
    await handle.migrate();
    await handle.db.insert(organisations).values({ name: '浙江丝绸研究所', kind: 'institute' });
    await handle.close();
  }, 60_000);

  it('imports a GBK CSV, reports rejected rows in Chinese, and adds nothing on a re-run', async () => {
    const gbk = join(dir, 'gbk.csv');
    writeFileSync(gbk, Buffer.from(gbkCsv, 'hex'));
    const first = await cli(gbk);
    expect(first.stdout).toContain('(csv, gb18030)');
    expect(first.stdout).toContain('read 1 · inserted 1 · duplicates skipped 0 · rejected 0');

    const mixed = writeCsv(dir, 'mixed.csv', [
      ['成果名称', '成果简介', '转化方式', '完成单位'],
      ['桑蚕丝蛋白纤维改性', abstractOf(1), '许可', '浙江丝绸研究所'],
      ['转化方式写错的成果', abstractOf(2), '赠送', '浙江丝绸研究所'],
    ]);
    const report = join(dir, 'report.json');
    const second = await cli(mixed, '--report', report);
    expect(second.stdout).toContain('inserted 1 · duplicates skipped 0 · rejected 1');
    expect(second.stdout).toContain('row 3 「转化方式写错的成果」: 转化方式: 未知的合作方式：赠送');
    expect(second.stderr).toMatch(/2\/2 100% · \d+ rows\/s/);
    const written = JSON.parse(readFileSync(report, 'utf8'));
    expect(written.rejectedRows[0].reasons[0]).toMatchObject({
      field: 'transferModes',
      column: '转化方式',
      issue: 'unknown_mode',
    });

    const again = await cli(gbk);
    expect(again.stdout).toContain('inserted 0 · duplicates skipped 1');
  }, 90_000);

  it('answers usage errors with exit code 2 and a message', async () => {
    const none = await cli();
    expect(none).toMatchObject({ code: 2 });
    expect((none as { stderr: string }).stderr).toContain('usage: npm run import');
    const wrong = await cli(join(dir, 'gbk.csv'), '--kind', 'need');
    expect(wrong).toMatchObject({ code: 2 });
    expect((wrong as { stderr: string }).stderr).toContain('description');
  }, 60_000);
});
