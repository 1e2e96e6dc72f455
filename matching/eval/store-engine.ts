import { randomUUID } from 'node:crypto';
import { achievements } from '../../schema/achievements.ts';
import { organisations } from '../../schema/organisations.ts';
import type { Deps } from '../core/deps.ts';
import { ingestRecords } from '../pipeline/ingest-record.ts';
import { rankAgainst } from '../pipeline/match-record.ts';
import { needProfile } from '../ranking/pair-profiles.ts';
import type { MatchHit, MatchIndex } from '../retrieval/match-index.ts';

/**
 * The evaluation's index backed by the service's own store: every corpus document becomes an achievement row,
 * goes through the ingest step into `match_documents`, and every query runs the need → achievement ranking the
 * match job uses (retrieval, features, ranker, diversity), minus the suggestion cut-off so Recall@100 can be read.
 */
export async function createStoreEngine(deps: Deps): Promise<MatchIndex> {
  const [org] = await deps.db
    .insert(organisations)
    .values({ name: `评测语料 ${new Date().toISOString()}`, kind: 'institute' })
    .returning({ id: organisations.id });
  if (!org) throw new Error('could not create the corpus organisation');
  const corpusIdOf = new Map<string, string>();
  const recordIdOf = new Map<string, string>();
  let size = 0;
  return {
    get size() {
      return size;
    },
    async add(docs) {
      const rows = docs.map((d) => ({ id: randomUUID(), orgId: org.id, title: '', abstract: d.text }));
      for (const [i, d] of docs.entries()) {
        const recordId = rows[i]?.id ?? '';
        corpusIdOf.set(recordId, d.id);
        recordIdOf.set(d.id, recordId);
      }
      await deps.db.insert(achievements).values(rows);
      await ingestRecords({ deps, kind: 'achievement', ids: rows.map((r) => r.id) });
      size += rows.length;
    },
    async search(query, k, options): Promise<MatchHit[]> {
      await deps.engine.sync();
      const profile = needProfile({ id: randomUUID(), title: query, description: '' });
      // A hidden answer is named by its corpus id; the engine knows it by its record id.
      const hidden = [...(options?.exclude ?? [])].flatMap((id) => recordIdOf.get(id) ?? []);
      const exclude = hidden.length > 0 ? new Set(hidden) : undefined;
      const ranked = await rankAgainst({
        deps,
        kind: 'need',
        profile,
        ownOrgId: null,
        audience: { system: true },
        exclude,
      });
      return ranked.slice(0, k).map((s) => ({
        id: corpusIdOf.get(s.achievementId) ?? s.achievementId,
        score: s.score,
        relevance: s.relevance,
        lexical: s.features.lexical ?? 0,
      }));
    },
  };
}
