import type { CorpusDoc } from '../../matching/eval/dataset.ts';

const sentenceEnd = /(?<=[。；;.!?！？])/;

/**
 * The benchmark pool: the eval corpus, then copies varied enough that they are different documents for the
 * index (sentence order rotated, numbers nudged, a varying lead phrase) while keeping realistic text.
 */
export function* poolDocuments(corpus: readonly CorpusDoc[], n: number): Generator<{ title: string; text: string }> {
  const leads = ['', '本成果', '项目组', '研究团队', '课题组', '该技术'];
  for (let i = 0; i < n; i++) {
    const doc = corpus[i % corpus.length];
    if (!doc) return;
    const copy = Math.floor(i / corpus.length);
    if (copy === 0) {
      yield { title: doc.title, text: doc.text };
      continue;
    }
    const sentences = doc.text.split(sentenceEnd).filter((s) => s.length > 0);
    const shift = copy % Math.max(sentences.length, 1);
    const rotated = [...sentences.slice(shift), ...sentences.slice(0, shift)].join('');
    const nudged = rotated.replace(/\d+(\.\d+)?/g, (m) => String(Number(m) + copy));
    yield { title: doc.title, text: `${leads[copy % leads.length]}${nudged}` };
  }
}
