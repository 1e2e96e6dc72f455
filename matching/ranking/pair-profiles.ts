import type { achievements } from '../../schema/achievements.ts';
import type { needs } from '../../schema/needs.ts';
import { normalizeText } from '../text/normalize.ts';
import { keyTermsOf } from './key-terms.ts';

type NeedRow = typeof needs.$inferSelect;
type AchievementRow = typeof achievements.$inferSelect;

/** Where an organisation sits; filled from `organisations` (district, city) by the caller when known. */
export interface RegionInfo {
  province?: string | null | undefined;
  city?: string | null | undefined;
  district?: string | null | undefined;
}

/** What ranking reads of a need: derived once per need, reused for every candidate pair. */
export interface NeedProfile {
  id: string;
  orgId: string | null;
  title: string;
  /** Normalised title + description, for finding key terms of the other side in it. */
  text: string;
  /** The user's chain, else the classifier's guess (see resolveChain), else null. */
  chainId: string | null;
  trlMin: number | null;
  trlMax: number | null;
  cooperationModes: readonly string[];
  keyTerms: readonly string[];
  /**
   * The enterprise's own keywords, normalised (also first in keyTerms): the topic in its words, so an
   * achievement sharing none of them is weak evidence. Absent on profiles stored before it existed.
   */
  userKeywords?: readonly string[] | undefined;
  region?: RegionInfo | undefined;
}

export interface AchievementProfile {
  id: string;
  orgId: string | null;
  title: string;
  text: string;
  chainId: string | null;
  trl: number | null;
  transferModes: readonly string[];
  /** Same organisation + same lead = same team, the unit whose near-identical patents get capped. */
  teamLead: string | null;
  keyTerms: readonly string[];
  region?: RegionInfo | undefined;
}

export interface ProfileExtras {
  /** A resolved chain (user's or classified) for records whose own chainId is empty. */
  chainId?: string | null | undefined;
  region?: RegionInfo | undefined;
  /** Pool IDF for keyword extraction; without it jieba's bundled table is used. */
  idf?: ((term: string) => number) | undefined;
}

export type NeedInput = Pick<NeedRow, 'id' | 'title' | 'description'> &
  Partial<Pick<NeedRow, 'orgId' | 'chainId' | 'keywords' | 'trlMin' | 'trlMax' | 'cooperationModes'>>;

export type AchievementInput = Pick<AchievementRow, 'id' | 'title' | 'abstract'> &
  Partial<Pick<AchievementRow, 'orgId' | 'chainId' | 'keywords' | 'trl' | 'transferModes' | 'team'>>;

export function needProfile(need: NeedInput, extras: ProfileExtras = {}): NeedProfile {
  return {
    id: need.id,
    orgId: need.orgId ?? null,
    title: need.title,
    text: normalizeText(`${need.title}\n${need.description}`),
    chainId: need.chainId ?? extras.chainId ?? null,
    trlMin: need.trlMin ?? null,
    trlMax: need.trlMax ?? null,
    cooperationModes: need.cooperationModes ?? [],
    keyTerms: keyTermsOf(need.title, need.description, need.keywords ?? [], extras.idf),
    userKeywords: (need.keywords ?? []).map(normalizeText).filter((k) => k.length > 0),
    region: extras.region,
  };
}

export function achievementProfile(achievement: AchievementInput, extras: ProfileExtras = {}): AchievementProfile {
  return {
    id: achievement.id,
    orgId: achievement.orgId ?? null,
    title: achievement.title,
    text: normalizeText(`${achievement.title}\n${achievement.abstract}`),
    chainId: achievement.chainId ?? extras.chainId ?? null,
    trl: achievement.trl ?? null,
    transferModes: achievement.transferModes ?? [],
    teamLead: achievement.team?.lead?.trim() || null,
    keyTerms: keyTermsOf(achievement.title, achievement.abstract, achievement.keywords ?? [], extras.idf),
    region: extras.region,
  };
}
