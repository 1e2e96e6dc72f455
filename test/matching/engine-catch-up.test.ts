import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceWatermark, documentStamp } from '../../matching/engine/document-cursor.ts';
import { MatchEngine } from '../../matching/engine/match-engine.ts';
import type { Db } from '../../schema/db.ts';
import { matchDocuments } from '../../schema/match-documents.ts';
import { checkService } from '../support/services.ts';
import { openTestDb } from '../support/test-db.ts';

const service = await checkService('TEST_DATABASE_URL');

/** A listed achievement's match document, stamped the way the ingest step stamps it. */
function achievementDocument(title: string) {
  return {
    kind: 'achievement',
    recordId: randomUUID(),
    orgId: randomUUID(),
    status: 'published',
    confidentiality: 'public',
    chainId: null,
    chainSource: null,
    normalized: title,
    words: title,
    profile: {},
    sourceHash: title,
    analyzerVersion: 1,
    ...documentStamp(),
  };
}

describe('watermark rule', () => {
  it('moves over the leading run of final rows and stops at the first row of a still-open horizon', () => {
    const rows = [
      { xid: 5, seq: 1, horizon: 7 },
      { xid: 6, seq: 3, horizon: 7 },
      { xid: 7, seq: 2, horizon: 7 },
      { xid: 8, seq: 9, horizon: 9 },
    ];
    expect(advanceWatermark({ xid: 0, seq: 0 }, rows, true)).toEqual({
      watermark: { xid: 6, seq: 3 },
      contiguous: false,
    });
    // Once broken within a pull it stays broken, even if a later batch's newer snapshot says its rows are final.
    expect(advanceWatermark({ xid: 6, seq: 3 }, [{ xid: 9, seq: 10, horizon: 20 }], false).watermark).toEqual({
      xid: 6,
      seq: 3,
    });
  });
});

if (!service.available) describe.skip(`engine catch-up on postgres (${service.reason})`, () => it('skipped', () => {}));
else
  describe('engine catch-up on postgres: documents committed out of sequence order', () => {
    let db: Db;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      const handle = await openTestDb('postgres', service.url);
      db = handle.db;
      drop = handle.drop;
    });
    afterAll(async () => drop?.());

    it('finds a document whose transaction drew the lower seq but committed after a later one was seen', async () => {
      const engine = new MatchEngine(db);
      const early = achievementDocument('早期事务的文档');
      const late = achievementDocument('后提交之前已可见的文档');
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let written!: () => void;
      const earlyWritten = new Promise<void>((resolve) => {
        written = resolve;
      });
      const slow = db.transaction(async (tx) => {
        await tx.insert(matchDocuments).values(early);
        written();
        await held;
      });
      await earlyWritten;
      await db.insert(matchDocuments).values(late);

      await engine.sync();
      expect(engine.get('achievement', late.recordId)).toBeDefined();
      expect(engine.get('achievement', early.recordId)).toBeUndefined();

      release();
      await slow;
      await engine.sync();
      expect(engine.get('achievement', early.recordId)).toBeDefined();
      expect(engine.get('achievement', late.recordId)).toBeDefined();
    });

    it('re-reads rows that were not final without counting them twice in the index', async () => {
      const engine = new MatchEngine(db);
      await engine.sync();
      const before = engine.size('achievement');
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let started!: () => void;
      const open = new Promise<void>((resolve) => {
        started = resolve;
      });
      // An unrelated open transaction holds the horizon back, so the next document is not final yet.
      const blocker = db.transaction(async (tx) => {
        await tx.execute('select pg_current_xact_id()');
        started();
        await held;
      });
      await open;
      const doc = achievementDocument('视界之后的文档');
      await db.insert(matchDocuments).values(doc);
      await engine.sync();
      await engine.sync();
      expect(engine.size('achievement')).toBe(before + 1);
      release();
      await blocker;
      await engine.sync();
      expect(engine.size('achievement')).toBe(before + 1);
      expect(engine.get('achievement', doc.recordId)).toBeDefined();
    });
  });
