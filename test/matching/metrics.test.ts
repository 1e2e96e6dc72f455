import { describe, expect, it } from 'vitest';
import { parseQrels } from '../../matching/eval/dataset.ts';
import { dcgAtK, meanMetrics, mrrAtK, ndcgAtK, recallAtK } from '../../matching/eval/metrics.ts';

const one = new Map([['d1', 1]]);

describe('ndcg', () => {
  it('is 1 when the only relevant document is first', () => {
    expect(ndcgAtK(['d1', 'd2'], one, 10)).toBe(1);
  });

  it('discounts by log2(rank + 1)', () => {
    // relevant at rank 3: 1 / log2(4) = 0.5
    expect(ndcgAtK(['x', 'y', 'd1'], one, 10)).toBeCloseTo(0.5, 10);
  });

  it('is 0 when the relevant document is below the cut-off', () => {
    expect(ndcgAtK(['a', 'b', 'd1'], one, 2)).toBe(0);
  });

  it('uses grades as linear gains against the ideal order', () => {
    const graded = new Map([
      ['a', 2],
      ['b', 1],
    ]);
    // DCG = 1/1 + 2/log2(3) = 2.26186; IDCG = 2/1 + 1/log2(3) = 2.63093
    expect(dcgAtK(['b', 'a'], graded, 10)).toBeCloseTo(1 + 2 / Math.log2(3), 10);
    expect(ndcgAtK(['b', 'a'], graded, 10)).toBeCloseTo(2.26186 / 2.63093, 4);
  });

  it('ignores documents judged 0', () => {
    expect(ndcgAtK(['z'], new Map([['z', 0]]), 10)).toBe(0);
  });
});

describe('recall', () => {
  it('counts relevant documents found within k', () => {
    const two = new Map([
      ['a', 1],
      ['b', 1],
    ]);
    expect(recallAtK(['a', 'x', 'b'], two, 2)).toBe(0.5);
    expect(recallAtK(['a', 'x', 'b'], two, 3)).toBe(1);
  });
});

describe('mrr', () => {
  it('is the reciprocal rank of the first relevant document', () => {
    expect(mrrAtK(['x', 'd1'], one, 10)).toBe(0.5);
    expect(mrrAtK(['x', 'y', 'z', 'd1'], one, 3)).toBe(0);
  });
});

describe('meanMetrics', () => {
  it('averages per-query values and counts queries', () => {
    const m = meanMetrics([
      { ndcg10: 1, recall100: 1, mrr10: 1 },
      { ndcg10: 0, recall100: 1, mrr10: 0.5 },
    ]);
    expect(m).toEqual({ ndcg10: 0.5, recall100: 1, mrr10: 0.75, n: 2 });
  });
});

describe('parseQrels', () => {
  it('skips the BEIR header and reads grades', () => {
    const q = parseQrels('query-id\tcorpus-id\tscore\nq1\td1\t1\nq1\td2\t2\n');
    expect(q.get('q1')?.get('d2')).toBe(2);
    expect(q.get('q1')?.size).toBe(2);
  });

  it('rejects malformed lines', () => {
    expect(() => parseQrels('query-id\tcorpus-id\tscore\nq1\td1\n')).toThrow(/line 2/);
  });
});
