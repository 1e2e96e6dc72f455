import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { achievements } from '../../schema/achievements.ts';
import { matchDocuments } from '../../schema/match-documents.ts';
import { needs } from '../../schema/needs.ts';
import { organisations } from '../../schema/organisations.ts';
import type { Deps } from '../core/deps.ts';
import { recordJobs } from '../core/outbox.ts';
import { parseInput } from '../core/validate.ts';
import { write } from '../core/write.ts';
import { documentStamp } from '../engine/document-cursor.ts';
import { buildMatchDocument, type MatchDocumentValues } from '../engine/match-document.ts';
import { timeSlice, yieldToEventLoop } from '../engine/time-slice.ts';
import type { RecordKind } from '../vectors/vector-index.ts';
import { indexVectors } from './index-vectors.ts';
import { isListed, recordRefPayload } from './listed.ts';
import { matchWork, rerouteNeedWork } from './record-ingest.ts';
import { chainWrite, type RecordChain, storeRecordChains } from './store-record-chain.ts';
import { withdrawOpenPairs } from './withdraw-open-pairs.ts';

/** `bulk`: recorded by a bulk load (the demo set, an import), so a runner may let people's own edits go first. */
export const ingestPayload = recordRefPayload.extend({ bulk: z.boolean().optional() });

/** The ingest job: one record, loaded from Postgres as it is now. */
export async function processIngest(deps: Deps, payload: unknown) {
  const { kind, id } = parseInput(ingestPayload, payload);
  return ingestRecords({ deps, kind, ids: [id] });
}

/**
 * Text pipeline → match document, for a batch of records of one kind.
 * Idempotent: an unchanged record writes nothing; a changed one gets a new `seq` so every process picks it up,
 * and a listed one records its match job in the same transaction.
 */
export async function ingestRecords({ deps, kind, ids }: { deps: Deps; kind: RecordKind; ids: string[] }) {
  const built = await buildDocuments(deps, kind, ids);
  let changed = 0;
  // One transaction per chunk, not per batch: on PGlite a transaction holds the only connection, and a batch
  // of 500 documents (their chains, events, rows and jobs) kept every request waiting for seconds; at 50 a chunk still held it for over a second on a busy machine. Each record's
  // document and its match job still commit together; the loop comes round between chunks.
  for (let at = 0; at < built.length; at += writeChunk) {
    if (at > 0) await yieldToEventLoop();
    changed += (await writeDocuments(deps, kind, built.slice(at, at + writeChunk))).changed;
  }
  return { ingested: built.length, changed };
}

const writeChunk = 20;

async function writeDocuments(deps: Deps, kind: RecordKind, built: readonly Built[]) {
  const docs = built.map((b) => b.doc);
  const existing = docs.length
    ? await deps.db
        .select({
          recordId: matchDocuments.recordId,
          sourceHash: matchDocuments.sourceHash,
          chainId: matchDocuments.chainId,
        })
        .from(matchDocuments)
        .where(
          and(
            eq(matchDocuments.kind, kind),
            inArray(
              matchDocuments.recordId,
              docs.map((d) => d.recordId),
            ),
          ),
        )
    : [];
  const known = new Map(existing.map((row) => [row.recordId, row]));
  const changed = docs.filter((doc) => known.get(doc.recordId)?.sourceHash !== doc.sourceHash);
  // Also for unchanged documents: records ingested before the chain was stored on them get it now.
  const chains = built.map((b) => b.chain).filter((c) => chainWrite(c) !== null);
  if (changed.length === 0 && chains.length === 0) return { ingested: docs.length, changed: 0 };
  // A need whose chain moved has pairs routed under the old one: the re-route job re-matches and re-routes it.
  const rechained = new Set(
    kind === 'need'
      ? changed
          .filter((d) => known.has(d.recordId) && known.get(d.recordId)?.chainId !== d.chainId)
          .map((d) => d.recordId)
      : [],
  );
  await write(deps, async (scope) => {
    const { tx } = scope;
    await storeRecordChains(scope, kind, chains, deps.clock.now());
    if (changed.length === 0) return;
    const rows = changed.map((doc) => ({
      ...doc,
      ...documentStamp(),
      updatedAt: deps.clock.now(),
    }));
    await tx
      .insert(matchDocuments)
      .values(rows)
      .onConflictDoUpdate({
        target: [matchDocuments.kind, matchDocuments.recordId],
        set: Object.fromEntries(
          ['org_id', 'status', 'confidentiality', 'chain_id', 'chain_source', 'normalized', 'words', 'profile']
            .concat(['source_hash', 'analyzer_version', 'seq', 'xid', 'updated_at'])
            .map((column) => [camel(column), sql.raw(`excluded.${column}`)]),
        ),
      });
    const withdrawn = changed.filter((d) => d.status === 'withdrawn').map((d) => d.recordId);
    await withdrawOpenPairs(scope, kind, withdrawn, deps.clock.now());
    const listed = changed.filter((d) => isListed(kind, d.status));
    await recordJobs(
      tx,
      listed.flatMap((d) => [
        matchWork(kind, d.recordId),
        // Takes the need's unclaimed pairs back from the old chain's manager, re-matches and re-routes them.
        ...(rechained.has(d.recordId) ? [rerouteNeedWork(d.recordId)] : []),
      ]),
    );
  });
  if (deps.dense && changed.length > 0) await indexVectors(deps.dense, changed);
  return { ingested: docs.length, changed: changed.length };
}

const camel = (column: string) => column.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());

type Built = { doc: MatchDocumentValues; chain: RecordChain };

async function buildDocuments(deps: Deps, kind: RecordKind, ids: string[]): Promise<Built[]> {
  const unique = [...new Set(ids)];
  const rows =
    kind === 'need'
      ? (await deps.db.select().from(needs).where(inArray(needs.id, unique))).map((row) => ({ kind, row }) as const)
      : (await deps.db.select().from(achievements).where(inArray(achievements.id, unique))).map(
          (row) => ({ kind, row }) as const,
        );
  const orgIds = [...new Set(rows.map((r) => r.row.orgId))];
  const [orgs, taxonomy] = await Promise.all([
    orgIds.length
      ? deps.db
          .select({ id: organisations.id, district: organisations.district, city: organisations.city })
          .from(organisations)
          .where(inArray(organisations.id, orgIds))
      : [],
    deps.engine.taxonomy(),
  ]);
  const regionOf = new Map(orgs.map((o) => [o.id, { district: o.district, city: o.city }]));
  // About a millisecond of analysis per document: a batch of hundreds yields between slices (engine/time-slice.ts).
  const slice = timeSlice();
  const built: Built[] = [];
  for (const input of rows) {
    const { doc, chain } = buildMatchDocument(input, taxonomy, regionOf.get(input.row.orgId));
    const { chainId, chainSource, chainConfidence } = input.row;
    built.push({
      doc,
      chain: { recordId: doc.recordId, stored: { chainId, chainSource, chainConfidence }, resolved: chain },
    });
    await slice.pause();
  }
  return built;
}
