import { asc, gt } from 'drizzle-orm';
import type { Db } from '../../schema/db.ts';
import { industryChains } from '../../schema/industry-chains.ts';
import { matchDocuments } from '../../schema/match-documents.ts';
import type { RecordKind } from '../vectors/vector-index.ts';
import { type DocMeta, KindIndex } from './kind-index.ts';
import type { Profile } from './match-document.ts';

const syncBatch = 5000;

/**
 * The in-memory lexical engine over `match_documents`. Postgres is the source of truth: every process (API,
 * any number of workers) catches up by reading rows whose `seq` is past what it has seen, so a document
 * ingested by one worker is searchable by all of them without any message between them.
 */
export class MatchEngine {
  private readonly indexes: Record<RecordKind, KindIndex> = { need: new KindIndex(), achievement: new KindIndex() };
  private lastSeq = 0;
  private syncing: Promise<number> | undefined;
  private chainNameCache: { at: number; names: Map<string, string> } | undefined;

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
    for (;;) {
      const rows = await this.db
        .select()
        .from(matchDocuments)
        .where(gt(matchDocuments.seq, this.lastSeq))
        .orderBy(asc(matchDocuments.seq))
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
        this.lastSeq = Math.max(this.lastSeq, row.seq);
      }
      applied += rows.length;
      if (rows.length < syncBatch) return applied;
    }
  }

  search(kind: RecordKind, text: string, k: number, accept: (meta: DocMeta) => boolean) {
    return this.indexes[kind].search(text, k, accept);
  }

  /** Chain id → name for explanations. Names change only when a taxonomy is loaded, so a minute's cache is fine. */
  async chainNames(): Promise<Map<string, string>> {
    const now = Date.now();
    if (this.chainNameCache && now - this.chainNameCache.at < 60_000) return this.chainNameCache.names;
    const rows = await this.db.select({ id: industryChains.id, name: industryChains.name }).from(industryChains);
    this.chainNameCache = { at: now, names: new Map(rows.map((r) => [r.id, r.name])) };
    return this.chainNameCache.names;
  }
}
