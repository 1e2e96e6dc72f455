import { jaccard, titleBigrams } from './title-similarity.ts';

/** What diversification reads of a ranked candidate. */
export interface DiversityKey {
  orgId?: string | null | undefined;
  teamLead?: string | null | undefined;
  title: string;
}

export interface DiversityOptions {
  /** Positions the cap applies to: the part of the list a manager actually looks at. */
  window?: number;
  maxPerGroup?: number;
  /** Titles at least this similar (CJK-bigram Jaccard) are one group even across teams. */
  titleSimilarity?: number;
}

const DEFAULTS: Required<DiversityOptions> = { window: 10, maxPerGroup: 2, titleSimilarity: 0.7 };

/**
 * Group index per item: same organisation and same team lead, or near-duplicate titles, transitively
 * (union-find), so a team's ten variants of one patent form one group however they chain together.
 */
export function groupItems(keys: readonly DiversityKey[], titleSimilarity = DEFAULTS.titleSimilarity): number[] {
  const parent = keys.map((_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while ((parent[root] ?? root) !== root) root = parent[root] ?? root;
    parent[i] = root;
    return root;
  };
  const union = (i: number, j: number) => {
    const [a, b] = [find(i), find(j)];
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  };
  const team = (k: DiversityKey) => (k.orgId && k.teamLead ? `${k.orgId}\u0000${k.teamLead}` : undefined);
  const byTeam = new Map<string, number>();
  for (const [i, key] of keys.entries()) {
    const t = team(key);
    if (t === undefined) continue;
    const first = byTeam.get(t);
    if (first === undefined) byTeam.set(t, i);
    else union(first, i);
  }
  const titles = keys.map((k) => titleBigrams(k.title));
  for (let i = 0; i < keys.length; i++) {
    for (let j = i + 1; j < keys.length; j++) {
      if (jaccard(titles[i] ?? new Set(), titles[j] ?? new Set()) >= titleSimilarity) union(i, j);
    }
  }
  return keys.map((_, i) => find(i));
}

/**
 * Re-ranks so no group holds more than `maxPerGroup` of the first `window` places. Extras are pushed
 * down, not dropped: they follow the window in their original order, so a manager can still page to
 * them. Order within the kept items is the ranker's.
 */
export function diversify<T>(
  ranked: readonly T[],
  keyOf: (item: T) => DiversityKey,
  options: DiversityOptions = {},
): T[] {
  const o = { ...DEFAULTS, ...options };
  const groups = groupItems(ranked.map(keyOf), o.titleSimilarity);
  const counts = new Map<number, number>();
  const top: T[] = [];
  const rest: T[] = [];
  for (const [i, item] of ranked.entries()) {
    const group = groups[i] ?? i;
    const count = counts.get(group) ?? 0;
    if (top.length < o.window && count < o.maxPerGroup) {
      top.push(item);
      counts.set(group, count + 1);
    } else rest.push(item);
  }
  return [...top, ...rest];
}
