import type { RecordRead } from '../disclosure/confidential-reads.ts';
import type { PairLevels } from '../disclosure/disclose-pair.ts';
import type { PairRow } from './queue-item.ts';

/** Both records of a pair as one caller was served them, for the confidential-read audit. */
export const pairReads = (row: PairRow, levels: PairLevels): RecordRead[] => [
  { kind: 'need', id: row.n.id, orgId: row.n.orgId, confidentiality: row.n.confidentiality, level: levels.need },
  {
    kind: 'achievement',
    id: row.a.id,
    orgId: row.a.orgId,
    confidentiality: row.a.confidentiality,
    level: levels.achievement,
  },
];
