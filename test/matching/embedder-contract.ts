import { describe, expect, it } from 'vitest';
import type { Embedder } from '../../matching/embedders/embedder.ts';

const norm = (v: Float32Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * (b[i] ?? 0), 0);

/**
 * Behaviour every Embedder must have, whatever the backend. `makeEmbedder` returns a ready embedder
 * (fitted, or pointed at a reachable endpoint); it is called once per test so state cannot leak.
 */
export function embedderContract(name: string, makeEmbedder: () => Promise<Embedder>): void {
  describe(`Embedder contract: ${name}`, () => {
    it('identifies itself', async () => {
      const e = await makeEmbedder();
      expect(e.id).toMatch(/\S/);
      expect(e.version).toMatch(/\S/);
      expect(e.dimensions).toBeGreaterThan(0);
    });

    it('returns one unit vector of the declared dimension per text, in order', async () => {
      const e = await makeEmbedder();
      const texts = ['碳化硅陶瓷基板散热', '绿茶多酚提取工艺', '铝合金激光焊接气孔'];
      const vectors = await e.embed(texts);
      expect(vectors).toHaveLength(texts.length);
      for (const v of vectors) {
        expect(v).toBeInstanceOf(Float32Array);
        expect(v).toHaveLength(e.dimensions);
        expect(norm(v)).toBeCloseTo(1, 4);
      }
      const [alone] = await e.embed([texts[1] ?? '']);
      expect(Array.from(alone ?? [])).toEqual(Array.from(vectors[1] ?? []));
    });

    it('is deterministic', async () => {
      const a = await (await makeEmbedder()).embed(['高强度碳化硅陶瓷']);
      const b = await (await makeEmbedder()).embed(['高强度碳化硅陶瓷']);
      expect(Array.from(a[0] ?? [])).toEqual(Array.from(b[0] ?? []));
    });

    it('puts related texts closer than unrelated ones', async () => {
      const e = await makeEmbedder();
      const [need, related, unrelated] = await e.embed([
        '碳化硅陶瓷基板的导热性能',
        '碳化硅陶瓷材料导热基板制备',
        '绿茶多酚提取工艺研究',
      ]);
      if (!need || !related || !unrelated) throw new Error('missing vectors');
      expect(dot(need, related)).toBeGreaterThan(dot(need, unrelated));
    });

    it('accepts an empty batch', async () => {
      expect(await (await makeEmbedder()).embed([])).toEqual([]);
    });
  });
}
