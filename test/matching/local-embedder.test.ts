import { describe, expect, it } from 'vitest';
import { createLocalEmbedder } from '../../matching/embedders/local-embedder.ts';
import { embedderContract } from './embedder-contract.ts';

const corpus = [
  '碳化硅陶瓷基板具有高导热性能,用于功率器件散热',
  '碳化硅陶瓷材料的烧结工艺与导热性能研究',
  '氮化铝陶瓷基板导热性能与烧结助剂',
  '绿茶多酚的提取工艺及抗氧化活性',
  '茶多酚乙醇提取工艺优化',
  '绿茶中多酚类物质的含量测定',
  '铝合金激光焊接接头气孔缺陷分析',
  '激光焊接工艺参数对铝合金焊缝的影响',
  '铝合金焊接气孔的形成机理',
  '5G基站功率放大器散热设计',
];
const params = { dimensions: 6, oversample: 2, minDocFreq: 1, maxDocFreqRatio: 1 };

async function fitted(extra: Partial<typeof params> = {}) {
  const e = createLocalEmbedder({ params: { ...params, ...extra } });
  await e.fit(corpus);
  return e;
}

embedderContract('local-lsa', () => fitted());

describe('local LSA embedder', () => {
  it('refuses to embed before it is fitted', async () => {
    const e = createLocalEmbedder();
    expect(e.version).toBe('unfitted');
    await expect(e.embed(['碳化硅'])).rejects.toThrow(/not fitted/);
  });

  it('changes version when refitted on a different pool or with other parameters', async () => {
    const a = await fitted();
    const b = await fitted({ dimensions: 5 });
    const c = createLocalEmbedder({ params });
    await c.fit(corpus.slice(0, 8));
    expect(a.version).not.toBe(b.version);
    expect(a.version).not.toBe(c.version);
    expect(b.dimensions).toBe(5);
  });

  it('round-trips through serialisation with identical vectors and version', async () => {
    const a = await fitted();
    const b = createLocalEmbedder({ model: a.serialize() });
    expect(b.version).toBe(a.version);
    const [va] = await a.embed(['碳化硅导热基板']);
    const [vb] = await b.embed(['碳化硅导热基板']);
    expect(Array.from(vb ?? [])).toEqual(Array.from(va ?? []));
  });

  it('rejects bytes that are not a model', () => {
    expect(() => createLocalEmbedder({ model: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]) })).toThrow(/not a serialised/);
  });
});
