import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../matching/core/deps.ts';
import { importFile } from '../../matching/import/import-file.ts';
import { achievements } from '../../schema/achievements.ts';
import { organisations } from '../../schema/organisations.ts';
import { checkService } from '../support/services.ts';
import { type Backend, openTestDb } from '../support/test-db.ts';
import { testDeps } from '../support/test-deps.ts';
import { abstractOf, tempDir, writeCsv, writeJsonl } from './fixtures.ts';

/**
 * A NUL in a cell (exported from an old system, or a broken converter) used to fail the whole batch in
 * PostgreSQL; it is now one rejected row with a field-level reason, and the good rows still land.
 */
const postgres = await checkService('TEST_DATABASE_URL');
const backends: Backend[] = postgres.available ? ['pglite', 'postgres'] : ['pglite'];

for (const backend of backends) {
  describe(`bulk import of unsafe text on ${backend}`, () => {
    let drop: () => Promise<void>;
    let deps: Deps;
    let orgId: string;
    const dir = tempDir();

    beforeAll(async () => {
      const handle = await openTestDb(backend, postgres.url);
      drop = handle.drop;
      deps = testDeps(handle.db);
      const [org] = await deps.db
        .insert(organisations)
        .values({ name: '湖州师范学院', kind: 'university' })
        .returning();
      if (!org) throw new Error('no organisation');
      orgId = org.id;
    });
    afterAll(async () => {
      await drop?.();
    });

    const importedTitles = async () =>
      (await deps.db.select().from(achievements).where(sql`${achievements.importKey} is not null`))
        .map((r) => r.title)
        .sort();

    it('CSV: a NUL in a cell rejects that row naming the field and column; the other rows land', async () => {
      const file = writeCsv(dir, 'nul.csv', [
        ['成果名称', '成果简介', '完成单位', '关键词'],
        ['竹纤维家居板材无醛胶合技术', abstractOf(1), '湖州师范学院', '竹纤维'],
        ['丝素蛋白\u0000医用敷料', abstractOf(2), '湖州师范学院', ''],
        ['高导热铝合金压铸件', abstractOf(3), '湖州师范学院', '压铸,\u0000导热'],
        ['锂电池正极材料低温烧结工艺', abstractOf(4), '湖州师范学院', ''],
      ]);
      const report = await importFile(deps, { file, kind: 'achievement', batchSize: 10 });
      expect(report).toMatchObject({ read: 4, inserted: 2, rejected: 2 });
      expect(report.rejectedRows).toEqual([
        {
          row: 3,
          title: '丝素蛋白\ufffd医用敷料',
          reasons: [{ field: 'title', issue: 'unsafe_text', column: '成果名称' }],
        },
        {
          row: 4,
          title: '高导热铝合金压铸件',
          reasons: [{ field: 'keywords', issue: 'unsafe_text', column: '关键词' }],
        },
      ]);
      expect(await importedTitles()).toEqual(['竹纤维家居板材无醛胶合技术', '锂电池正极材料低温烧结工艺'].sort());
    });

    it('JSONL: NUL and lone surrogates in nested values are named by path', async () => {
      const file = writeJsonl(dir, 'unsafe.jsonl', [
        { title: '微藻固碳生物反应器', abstract: abstractOf(5), team: { lead: '王\u0000工' } },
        `{"title":"石墨烯导热膜连续制备","abstract":"${abstractOf(6)}\\ud800"}`,
        { title: '低空飞行器复合材料桨叶', abstract: abstractOf(7) },
      ]);
      const report = await importFile(deps, { file, kind: 'achievement', orgId, batchSize: 10 });
      expect(report).toMatchObject({ read: 3, inserted: 1, rejected: 2 });
      expect(report.rejectedRows.map((r) => [r.row, r.reasons.map((i) => `${i.field} ${i.issue}`)])).toEqual([
        [1, ['team.lead unsafe_text']],
        [2, ['abstract unsafe_text']],
      ]);
      expect(await importedTitles()).toContain('低空飞行器复合材料桨叶');
    });
  });
}
