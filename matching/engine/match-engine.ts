import { asc, getTableColumns } from 'drizzle-orm';
import type { Db } from '../../schema/db.ts';
import { industryChains } from '../../schema/industry-chains.ts';
import { matchDocuments } from '../../schema/match-documents.ts';
import type { ChainDefinition } from '../classify/taxonomy.ts';
import type { RecordKind } from '../vectors/vector-index.ts';
import {
  advanceWatermark,
  afterPosition,
  type DocumentPosition,
  snapshotHorizon,
  startOfLog,
} from './document-cursor.ts';
import { type DocMeta, KindIndex } from './kind-index.ts';
import type { Profile } from './match-document.ts';
import { timeSlice } from './time-slice.ts';

// Reading and parsing a batch is one uninterrupted stretch of PGlite work; 1,000 rows keep it short.
const syncBatch = 1000;

/**
 * The in-memory lexical engine over `match_documents`. Postgres is the source of truth: every process (API,
 * any number of workers) catches up by reading rows past what it has seen, so a document ingested by one
 * worker is searchable by all of them without any message between them.
 *
 * "Past what it has seen" is a (xid, seq) watermark that moves only over rows whose transaction is older than
 * every running one. Rows from newer transactions are applied at once (so a fresh document is searchable
 * immediately) but read again on the next pull until they are final, because an older transaction may still
 * commit a row that sorts before them. A plain `seq > last` cursor lost such rows forever.
 */
export class MatchEngine {
  private readonly indexes: Record<RecordKind, KindIndex> = { need: new KindIndex(), achievement: new KindIndex() };
  private watermark: DocumentPosition = startOfLog;
  private syncing: Promise<number> | undefined;
  private taxonomyCache:
    | { at: number; chains: readonly ChainDefinition[]; names: ReadonlyMap<string, string> }
    | undefined;

  constructor(private readonly db: Db) {}

  size(kind: RecordKind): number {
    return this.indexes[kind].size;
  }

  get(kind: RecordKind, recordId: string): DocMeta | undefined {
    return this.indexes[kind].get(recordId);
  }

  /** Pulls every change since the last sync; concurrent callers share one pull. Returns documents applied. */
  sync(): Promise<number> {
    this.syncing ??= this.pull().finally(() => {
      this.syncing = undefined;
    });
    return this.syncing;
  }

  private async pull(): Promise<number> {
    let applied = 0;
    let cursor = this.watermark;
    let contiguous = true;
    // A catch-up after a bulk import applies thousands of documents; the API must keep answering meanwhile.
    const slice = timeSlice();
    for (;;) {
      const rows = await this.db
        .select({ ...getTableColumns(matchDocuments), horizon: snapshotHorizon })
        .from(matchDocuments)
        .where(afterPosition(cursor))
        .orderBy(asc(matchDocuments.xid), asc(matchDocuments.seq))
        .limit(syncBatch);
      for (const row of rows) {
        if (row.kind !== 'need' && row.kind !== 'achievement') continue;
        this.indexes[row.kind].upsert({
          recordId: row.recordId,
          orgId: row.orgId,
          status: row.status,
          confidentiality: row.confidentiality,
          chainId: row.chainId,
          profile: { ...(row.profile as Profile), text: row.normalized },
          normalized: row.normalized,
          words: row.words,
        });
        await slice.pause();
      }
      const last = rows.at(-1);
      if (last) cursor = { xid: last.xid, seq: last.seq };
      ({ watermark: this.watermark, contiguous } = advanceWatermark(this.watermark, rows, contiguous));
      applied += rows.length;
      if (rows.length < syncBatch) return applied;
    }
  }

  search(kind: RecordKind, text: string, k: number, accept: (meta: DocMeta) => boolean) {
    return this.indexes[kind].search(text, k, accept);
  }

  /**
   * The loaded taxonomy, cached for a minute: it changes only when a taxonomy is loaded. The same array is
   * handed out until then, so the classifier's per-taxonomy preparation (a jieba call per term) runs once,
   * not once per ingest job.
   */
  async taxonomy(): Promise<readonly ChainDefinition[]> {
    const now = Date.now();
    if (this.taxonomyCache && now - this.taxonomyCache.at < 60_000) return this.taxonomyCache.chains;
    const chains = await this.db
      .select({ id: industryChains.id, name: industryChains.name, keywords: industryChains.keywords })
      .from(industryChains);
    this.taxonomyCache = { at: now, chains, names: new Map(chains.map((c) => [c.id, c.name])) };
    return chains;
  }

  /** Chain id → name, for explanations. */
  async chainNames(): Promise<ReadonlyMap<string, string>> {
    await this.taxonomy();
    return this.taxonomyCache?.names ?? new Map();
  }
}
