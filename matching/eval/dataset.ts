import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface CorpusDoc {
  id: string;
  title: string;
  text: string;
}

export interface EvalQuery {
  id: string;
  text: string;
  /** Diagnostic only: never a ranking input. */
  overlap?: number;
}

export interface EvalSplit {
  corpus: CorpusDoc[];
  queries: EvalQuery[];
  qrels: Map<string, Map<string, number>>;
}

function parseJsonLines(raw: string, file: string): Record<string, unknown>[] {
  return raw
    .split('\n')
    .map((line, i) => ({ line: line.trim(), i }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, i }) => {
      const value: unknown = JSON.parse(line);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new Error(`${file}:${i + 1}: expected a JSON object`);
      }
      return value as Record<string, unknown>;
    });
}

const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

/** BEIR qrels: header line, then query-id TAB corpus-id TAB grade. */
export function parseQrels(raw: string): Map<string, Map<string, number>> {
  const qrels = new Map<string, Map<string, number>>();
  const lines = raw.split('\n').filter((l) => l.trim().length > 0);
  for (const [i, line] of lines.entries()) {
    const [queryId, docId, grade] = line.split('\t');
    const value = Number(grade);
    if (i === 0 && Number.isNaN(value)) continue;
    if (!queryId || !docId || Number.isNaN(value)) throw new Error(`qrels line ${i + 1}: cannot parse "${line}"`);
    let judged = qrels.get(queryId);
    if (!judged) {
      judged = new Map();
      qrels.set(queryId, judged);
    }
    judged.set(docId, value);
  }
  return qrels;
}

export async function loadEvalSplit(dir: string, split: string): Promise<EvalSplit> {
  const corpusFile = join(dir, 'corpus.jsonl');
  const queryFile = join(dir, split, 'queries.jsonl');
  const [corpusRaw, queryRaw, qrelsRaw] = await Promise.all([
    readFile(corpusFile, 'utf8'),
    readFile(queryFile, 'utf8'),
    readFile(join(dir, split, 'qrels.tsv'), 'utf8'),
  ]);
  const corpus = parseJsonLines(corpusRaw, corpusFile).map((o) => ({
    id: str(o.id),
    title: str(o.title),
    text: str(o.text),
  }));
  const queries = parseJsonLines(queryRaw, queryFile).map((o) => {
    const overlap = o.title_abstract_bigram_overlap;
    return { id: str(o.id), text: str(o.text), ...(typeof overlap === 'number' ? { overlap } : {}) };
  });
  return { corpus, queries, qrels: parseQrels(qrelsRaw) };
}
