import { createHash } from 'node:crypto';
import type { achievements } from '../../schema/achievements.ts';
import type { needs } from '../../schema/needs.ts';
import { type ResolvedChain, resolveChain } from '../classify/resolve-chain.ts';
import type { ChainDefinition } from '../classify/taxonomy.ts';
import {
  type AchievementProfile,
  achievementProfile,
  type NeedProfile,
  needProfile,
  type RegionInfo,
} from '../ranking/pair-profiles.ts';
import { ownersChain } from '../records/chain-choice.ts';
import { analyzeText } from '../text/analyze.ts';
import type { RecordKind } from '../vectors/vector-index.ts';

/** Bumped when the text pipeline changes in a way that needs every document re-analysed. */
export const analyzerVersion = 1;

export type NeedRow = typeof needs.$inferSelect;
export type AchievementRow = typeof achievements.$inferSelect;
export type Profile = NeedProfile | AchievementProfile;

/** What the ingest step writes to `match_documents` for one record. */
export type MatchDocumentValues = {
  kind: RecordKind;
  recordId: string;
  orgId: string;
  status: string;
  confidentiality: string;
  chainId: string | null;
  chainSource: string | null;
  normalized: string;
  words: string;
  profile: Profile;
  sourceHash: string;
  analyzerVersion: number;
};

type RecordInput = { kind: 'need'; row: NeedRow } | { kind: 'achievement'; row: AchievementRow };

/** The document and the chain it resolved, which the ingest step also stores on the record itself. */
export function buildMatchDocument(
  input: RecordInput,
  taxonomy: readonly ChainDefinition[],
  region: RegionInfo | undefined,
): { doc: MatchDocumentValues; chain: ResolvedChain | null } {
  const body = input.kind === 'need' ? input.row.description : input.row.abstract;
  // Title and body are analysed once each: the classifier weighs them apart, the index reads them together.
  const title = analyzeText(input.row.title);
  const text = analyzeText(body);
  const chain = resolveChain({
    // Only the owner's choice binds the classifier; a chain it stored earlier is re-classified like none.
    userChainId: ownersChain(input.row),
    text: { title: input.row.title, body, analyzed: { title, body: text } },
    taxonomy,
  });
  const extras = { chainId: chain?.chainId ?? null, region };
  const profile = input.kind === 'need' ? needProfile(input.row, extras) : achievementProfile(input.row, extras);
  const values = {
    kind: input.kind,
    recordId: input.row.id,
    orgId: input.row.orgId,
    status: input.row.status,
    confidentiality: input.row.confidentiality,
    chainId: chain?.chainId ?? null,
    chainSource: chain?.source ?? null,
    // Joined as normalizeText joins lines (one space), so this is exactly the profile's `text`.
    normalized: [title.normalized, text.normalized].filter((part) => part.length > 0).join(' '),
    words: [...title.words, ...text.words].join(' '),
    // The profile's text is the normalised text: stored once, put back when the engine loads the row.
    profile: { ...profile, text: '' },
    analyzerVersion,
  };
  return { doc: { ...values, sourceHash: hashOf(values) }, chain };
}

function hashOf(values: Omit<MatchDocumentValues, 'sourceHash'>): string {
  return createHash('sha256').update(JSON.stringify(values)).digest('hex').slice(0, 32);
}
