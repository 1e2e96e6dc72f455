import { describe, expect, it } from 'vitest';
import { bm25Idf, bm25TermFrequency } from '../../matching/retrieval/bm25.ts';
import { DenseIndex } from '../../matching/retrieval/dense-index.ts';
import { linearFusion, reciprocalRankFusion } from '../../matching/retrieval/fusion.ts';
import { createMemoryMatchIndex } from '../../matching/retrieval/match-index.ts';
import { topK } from '../../matching/retrieval/top-k.ts';

const docs = [
  { id: 'sic', text: '采用碳化硅SiC陶瓷制备高导热基板,抗弯强度达500MPa,适用于5G基站功率器件散热.' },
  { id: 'tea', text: '研究了绿茶多酚的提取工艺,以乙醇为溶剂,考察了温度和时间对得率的影响.' },
  { id: 'weld', text: '分析了铝合金激光焊接接头的气孔缺陷,提出了优化焊接参数的方法.' },
];

describe('bm25 scoring functions', () => {
  it('gives rare terms a higher idf than common ones, never negative', () => {
    expect(bm25Idf(1000, 1)).toBeGreaterThan(bm25Idf(1000, 500));
    expect(bm25Idf(1000, 1000)).toBeGreaterThan(0);
  });

  it('saturates term frequency and penalises long documents', () => {
    const p = { k1: 1.2, b: 0.75 };
    expect(bm25TermFrequency(10, 100, 100, p)).toBeLessThan(p.k1 + 1);
    expect(bm25TermFrequency(2, 50, 100, p)).toBeGreaterThan(bm25TermFrequency(2, 200, 100, p));
  });
});

describe('memory match index', () => {
  it('ranks the relevant achievement above irrelevant ones', async () => {
    const index = createMemoryMatchIndex();
    await index.add(docs);
    const hits = await index.search('5G基站用高导热碳化硅陶瓷基板', 3);
    expect(hits[0]?.id).toBe('sic');
    // Shared single characters may surface other documents, but far below the real match.
    for (const other of hits.slice(1)) expect(other.score).toBeLessThan((hits[0]?.score ?? 0) / 3);
    expect(hits[0]?.lexical).toBeGreaterThan(0);
  });

  it('matches a need that only shares a latin code', async () => {
    const index = createMemoryMatchIndex();
    await index.add(docs);
    const hits = await index.search('SiC', 3);
    expect(hits.map((h) => h.id)).toEqual(['sic']);
  });

  it('weighs a term a long need repeats by the log of its count, not the count', async () => {
    // A practitioner's need says 人工成本 again and again; linear query counts let that one generic term
    // outvote the words that name the problem (bm25.ts). Four mentions weigh 1 + ln 4 ≈ 2.4 times one.
    const index = createMemoryMatchIndex();
    await index.add([
      { id: 'labour', text: '白茶采摘机器人，节约人工成本。' },
      { id: 'storage', text: '农药水乳剂的热贮稳定性研究，乳化剂配比对有效成分分解率的影响。' },
      { id: 'pv', text: '光伏组件清洗，运维成本低。' },
    ]);
    const labourScore = async (need: string) =>
      (await index.search(need, 3)).find((h) => h.id === 'labour')?.lexical ?? 0;
    const once = await labourScore('人工成本高。产品热贮稳定性差。');
    const fourTimes = await labourScore(
      '人工成本高，人工成本占比大，人工成本年年涨，人工成本压不下来。产品热贮稳定性差。',
    );
    expect(once).toBeGreaterThan(0);
    expect(fourTimes / once).toBeGreaterThan(1.5);
    expect(fourTimes / once).toBeLessThan(1 + Math.log(4) + 0.1);
  });

  it('returns nothing for an empty pool or a query without content', async () => {
    const index = createMemoryMatchIndex();
    expect(await index.search('碳化硅', 5)).toEqual([]);
    await index.add(docs);
    expect(await index.search('。,', 5)).toEqual([]);
  });
});

describe('dense index', () => {
  it('returns nearest vectors by cosine, best first', () => {
    const index = new DenseIndex(2);
    index.add([Float32Array.of(1, 0), Float32Array.of(0, 1), Float32Array.of(Math.SQRT1_2, Math.SQRT1_2)]);
    expect(index.search(Float32Array.of(1, 0), 2).map((h) => h.doc)).toEqual([0, 2]);
  });

  it('rejects vectors of the wrong dimension', () => {
    expect(() => new DenseIndex(3).add([Float32Array.of(1, 0)])).toThrow(/3 dimensions/);
  });
});

describe('top-k and fusion', () => {
  it('topK returns the k best in order and skips zeros', () => {
    expect(topK([0, 5, 1, 9, 0, 3], 3)).toEqual([
      { doc: 3, score: 9 },
      { doc: 1, score: 5 },
      { doc: 5, score: 3 },
    ]);
  });

  it('rrf rewards documents ranked well in both lists', () => {
    const fused = reciprocalRankFusion([
      [
        { doc: 1, score: 9 },
        { doc: 2, score: 8 },
      ],
      [
        { doc: 2, score: 0.9 },
        { doc: 3, score: 0.8 },
      ],
    ]);
    expect(fused[0]?.doc).toBe(2);
  });

  it('linear fusion normalises each list by its best score', () => {
    const fused = linearFusion([
      { hits: [{ doc: 1, score: 100 }], weight: 1 },
      { hits: [{ doc: 2, score: 0.5 }], weight: 0.5 },
    ]);
    expect(fused).toEqual([
      { doc: 1, score: 1 },
      { doc: 2, score: 0.5 },
    ]);
  });
});
