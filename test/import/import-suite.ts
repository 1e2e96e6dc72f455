import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../matching/core/deps.ts';
import { importFile } from '../../matching/import/import-file.ts';
import { ImportSetupError } from '../../matching/import/read-table.ts';
import { achievements } from '../../schema/achievements.ts';
import { events } from '../../schema/events.ts';
import { needs } from '../../schema/needs.ts';
import { organisations } from '../../schema/organisations.ts';
import { outbox } from '../../schema/outbox.ts';
import { type Backend, openTestDb } from '../support/test-db.ts';
import { testDeps } from '../support/test-deps.ts';
import { abstractOf, tempDir, writeCsv, writeJsonl, writeXlsx } from './fixtures.ts';

/** Bulk import against a real database, on each backend. */
export function importSuite(backend: Backend, serverUrl?: string) {
  describe(`bulk import on ${backend}`, () => {
    let drop: () => Promise<void>;
    let deps: Deps;
    const org: Record<string, string> = {};
    const dir = tempDir();

    beforeAll(async () => {
      const handle = await openTestDb(backend, serverUrl);
      drop = handle.drop;
      deps = testDeps(handle.db);
      const rows = await deps.db
        .insert(organisations)
        .values([
          { name: '浙江大学湖州研究院', kind: 'institute' },
          { name: '湖州师范学院', kind: 'university' },
          { name: '湖州南太湖电池有限公司', kind: 'enterprise' },
          { name: '同名研究所', kind: 'institute' },
          { name: '同名研究所', kind: 'institute' },
        ])
        .returning();
      for (const row of rows) org[row.name] = row.id;
    });
    afterAll(async () => {
      await drop?.();
    });
    const orgOf = (name: string) => {
      const id = org[name];
      if (!id) throw new Error(`no organisation ${name}`);
      return id;
    };

    const ingestJobsFor = async (ids: string[]) =>
      (await deps.db.select().from(outbox).where(eq(outbox.job, 'ingest'))).filter((job) =>
        ids.includes((job.payload as { id: string }).id),
      );

    const csvHeader = [
      '成果名称',
      '成果简介',
      '专利号',
      '技术成熟度',
      '转化方式',
      '价格（万元）',
      '所属产业链',
      '完成单位',
      '关键词',
      '负责人',
    ];

    it('imports a Chinese CSV: good rows land with their ingest jobs, bad rows are reported with reasons', async () => {
      const file = writeCsv(dir, 'achievements.csv', [
        csvHeader,
        [
          '锂电池正极材料低温烧结工艺',
          abstractOf(1),
          'ZL202210000001.1',
          'TRL6',
          '转让、独占许可',
          '50-100万',
          '前沿电池',
          '浙江大学湖州研究院',
          '正极材料，低温烧结',
          '陈教授',
        ],
        [
          '竹纤维家居板材无醛胶合技术',
          abstractOf(2),
          '',
          '7',
          '合作开发',
          '面议',
          'green_home',
          '湖州师范学院',
          '',
          '',
        ],
        ['丝素蛋白医用敷料', abstractOf(3), 'ZL202310000003.3', '12', '赠送', '很贵', '蒸汽机', '湖州师范学院', '', ''],
        ['电池包液冷板', abstractOf(4), '', '5', '', '', '', '湖州南太湖电池有限公司', '', ''],
        ['太短的成果', '只有几个字', '', '', '', '', '', '不存在的大学', '', ''],
        ['同名单位的成果', abstractOf(6), '', '', '', '200-100', '', '同名研究所', '', ''],
        ['', '', '', '', '', '', '', '', '', ''],
        [
          '高导热铝合金压铸件',
          abstractOf(8),
          'ZL 2021 1000 0008.8',
          '8',
          '作价入股/先用后转',
          '1.2亿',
          '合金特材',
          '浙江大学湖州研究院',
          '',
          '',
        ],
      ]);
      const report = await importFile(deps, { file, kind: 'achievement', batchSize: 2 });
      expect(report).toMatchObject({
        format: 'csv',
        encoding: 'utf-8',
        read: 7,
        inserted: 3,
        duplicates: 0,
        rejected: 4,
      });
      const byRow = Object.fromEntries(report.rejectedRows.map((r) => [r.row, r.reasons]));
      expect(Object.keys(byRow).map(Number)).toEqual([4, 5, 6, 7]);
      expect(byRow[4]).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'trl', issue: 'too_big.number', column: '技术成熟度' }),
          expect.objectContaining({ field: 'transferModes', issue: 'unknown_mode', column: '转化方式' }),
          expect.objectContaining({ field: 'price', issue: 'invalid_money', column: '价格（万元）' }),
          expect.objectContaining({ field: 'chainId', issue: 'unknown_chain', column: '所属产业链' }),
        ]),
      );
      expect(byRow[5]).toEqual([expect.objectContaining({ field: 'organisation', issue: 'organisation_kind' })]);
      expect(byRow[6]?.map((i) => i.issue).sort()).toEqual(['too_small.string', 'unknown_organisation']);
      expect(byRow[6]?.find((i) => i.issue === 'too_small.string')?.column).toBe('成果简介');
      expect(byRow[7]?.map((i) => i.issue).sort()).toEqual(['ambiguous_organisation', 'range_inverted']);

      const rows = await deps.db.select().from(achievements).where(sql`${achievements.importKey} is not null`);
      const battery = rows.find((r) => r.title === '锂电池正极材料低温烧结工艺');
      expect(battery).toMatchObject({
        orgId: orgOf('浙江大学湖州研究院'),
        chainId: 'frontier_battery',
        trl: 6,
        transferModes: ['transfer', 'licence'],
        priceMin: 50,
        priceMax: 100,
        keywords: ['正极材料', '低温烧结'],
        team: { lead: '陈教授' },
        patents: [{ number: 'ZL202210000001.1' }],
        status: 'published',
      });
      expect(rows.find((r) => r.title === '竹纤维家居板材无醛胶合技术')).toMatchObject({
        priceMin: null,
        chainId: 'green_home',
      });
      expect(rows.find((r) => r.title === '高导热铝合金压铸件')).toMatchObject({
        transferModes: ['equity', 'use_first_pay_later'],
        priceMin: 12000,
        chainId: 'alloy',
      });
      expect(await ingestJobsFor(rows.map((r) => r.id))).toHaveLength(3);
      const created = async () =>
        (await deps.db.select().from(events).where(eq(events.type, 'achievement.created'))).filter((e) =>
          rows.some((r) => r.id === e.subjectId),
        );
      // One event per new record, by the import process, without the record's text.
      expect((await created()).map((e) => [e.actor, e.orgId, e.data])).toEqual(
        expect.arrayContaining(
          rows.map((r) => [
            'system:import',
            r.orgId,
            { status: 'published', chainId: r.chainId, confidentiality: r.confidentiality, via: 'import' },
          ]),
        ),
      );
      expect(await created()).toHaveLength(3);

      const again = await importFile(deps, { file, kind: 'achievement' });
      expect(again).toMatchObject({ inserted: 0, duplicates: 3, rejected: 4 });
      expect(await created()).toHaveLength(3);
      expect(again.duplicateRows).toEqual([2, 3, 9]);
      expect(await deps.db.select().from(achievements)).toHaveLength(3);
    });

    it('imports the first sheet of an XLSX with English headers and knows a re-typed duplicate', async () => {
      const file = await writeXlsx(dir, 'achievements.xlsx', [
        ['Title', 'Abstract', 'Patent No.', 'TRL', 'Transfer modes', 'Price', 'Industry chain', 'Institution'],
        [
          { richText: [{ text: '锂电池正极材料' }, { text: ' 低温烧结工艺' }] },
          abstractOf(1),
          'zl202210000001.1',
          6,
          '转让',
          80,
          '前沿电池',
          '浙江大学湖州研究院',
        ],
        [
          '智能纺机断纱视觉检测系统',
          abstractOf(20),
          'ZL202410000020.2',
          7,
          'licence, joint_development',
          '30~60',
          '现代纺织',
          '湖州师范学院',
        ],
        ['缺单位的成果', abstractOf(21), '', 4, '', '', '', ''],
      ]);
      const report = await importFile(deps, { file, kind: 'achievement' });
      expect(report).toMatchObject({ format: 'xlsx', read: 3, inserted: 1, duplicates: 1, rejected: 1 });
      expect(report.duplicateRows).toEqual([2]);
      expect(report.rejectedRows).toEqual([
        { row: 4, title: '缺单位的成果', reasons: [expect.objectContaining({ issue: 'missing_organisation' })] },
      ]);
      const [loom] = await deps.db
        .select()
        .from(achievements)
        .where(eq(achievements.title, '智能纺机断纱视觉检测系统'));
      expect(loom).toMatchObject({
        chainId: 'textile',
        trl: 7,
        transferModes: ['licence', 'joint_development'],
        priceMax: 60,
      });
    });

    it('imports needs from JSONL for one enterprise (--org), rejecting bad lines and in-file duplicates', async () => {
      const file = writeJsonl(dir, 'needs.jsonl', [
        {
          title: '动力电池包液冷板轻量化',
          description: '现有铝制液冷板重量偏大，希望在保证换热性能的前提下减重20%以上。',
          chainId: 'nev',
          keywords: ['液冷板', '轻量化'],
          cooperationModes: ['joint_development'],
          confidentiality: 'desensitised',
        },
        {
          需求名称: '电池回收黑粉湿法提锂',
          需求描述: '希望提高退役电池黑粉中锂的回收率到90%以上，并降低酸耗。',
          期望成熟度: '5-8',
          预算: '100-300万',
          截止日期: '2027年6月30日',
          合作方式: '合作开发、委托开发',
          公开程度: '保密',
        },
        '{"title": "半截的行',
        {
          需求名称: '成熟度颠倒的需求',
          需求描述: '这是一个用于测试成熟度范围颠倒的需求描述文本。',
          成熟度下限: 8,
          成熟度上限: 3,
        },
        { title: '动力电池包液冷板 轻量化', description: '同一需求在文件里出现了第二次，应算作重复而不是新需求。' },
      ]);
      const wrongKind = importFile(deps, { file, kind: 'need', orgId: orgOf('浙江大学湖州研究院') });
      await expect(wrongKind).rejects.toBeInstanceOf(ImportSetupError);
      const report = await importFile(deps, { file, kind: 'need', orgId: orgOf('湖州南太湖电池有限公司') });
      expect(report).toMatchObject({ format: 'jsonl', read: 5, inserted: 2, duplicates: 1, rejected: 2 });
      expect(report.duplicateRows).toEqual([5]);
      expect(report.rejectedRows.map((r) => [r.row, r.reasons[0]?.issue])).toEqual([
        [3, 'invalid_json'],
        [4, 'range_inverted'],
      ]);
      const [lithium] = await deps.db.select().from(needs).where(eq(needs.title, '电池回收黑粉湿法提锂'));
      expect(lithium).toMatchObject({
        orgId: orgOf('湖州南太湖电池有限公司'),
        trlMin: 5,
        trlMax: 8,
        budgetMin: 100,
        budgetMax: 300,
        deadline: '2027-06-30',
        cooperationModes: ['joint_development', 'commissioned_development'],
        confidentiality: 'confidential',
        status: 'open',
      });
      const imported = await deps.db.select().from(needs);
      expect(await ingestJobsFor(imported.map((n) => n.id))).toHaveLength(2);
    });

    it('resumes an interrupted run: what committed stays with its jobs, the re-run adds only the rest', async () => {
      const rows = Array.from({ length: 50 }, (_, i) => [
        `批量成果${i + 1}号`,
        abstractOf(100 + i),
        `ZL2025${String(i).padStart(8, '0')}.1`,
      ]);
      const file = writeCsv(dir, 'batch.csv', [['标题', '摘要', '专利'], ...rows], false);
      const base = { file, kind: 'achievement' as const, orgId: orgOf('湖州师范学院'), batchSize: 10 };
      let transactions = 0;
      const dying: Deps = {
        ...deps,
        db: new Proxy(deps.db, {
          get(target, prop, receiver) {
            if (prop === 'transaction' && ++transactions === 3) return () => Promise.reject(new Error('killed'));
            const value = Reflect.get(target, prop, receiver);
            return typeof value === 'function' ? value.bind(target) : value;
          },
        }),
      };
      await expect(importFile(dying, base)).rejects.toThrow('killed');
      const partial = await deps.db
        .select()
        .from(achievements)
        .where(eq(achievements.orgId, orgOf('湖州师范学院')));
      const batchRows = partial.filter((r) => r.title.startsWith('批量成果'));
      expect(batchRows).toHaveLength(20);
      expect(await ingestJobsFor(batchRows.map((r) => r.id))).toHaveLength(20);

      const resumed = await importFile(deps, base);
      expect(resumed).toMatchObject({ read: 50, inserted: 30, duplicates: 20, rejected: 0 });
      const all = await deps.db
        .select()
        .from(achievements)
        .where(
          inArray(
            achievements.title,
            rows.map((r) => r[0] as string),
          ),
        );
      expect(all).toHaveLength(50);
      expect(await ingestJobsFor(all.map((r) => r.id))).toHaveLength(50);
    });

    it('stops before reading rows when the setup is wrong', async () => {
      const file = writeCsv(dir, 'nocol.csv', [
        ['名称', '备注'],
        ['某成果', '无'],
      ]);
      await expect(importFile(deps, { file, kind: 'achievement', orgId: orgOf('湖州师范学院') })).rejects.toThrow(
        /abstract/,
      );
      await expect(importFile(deps, { file, kind: 'achievement', orgId: crypto.randomUUID() })).rejects.toThrow(
        /no such/,
      );
      await expect(importFile(deps, { file: `${dir}/x.xls`, kind: 'achievement' })).rejects.toThrow(/xlsx/);
    });
  });
}
