import type { Schemas } from '@qdrant/js-client-rest';
import { confidentialityLevels } from '../../schema/enums.ts';
import type { Audience, VectorFilter } from './vector-index.ts';

type QdrantFilter = Schemas['Filter'];
type QdrantCondition = Schemas['Condition'];

/** Payload keys, shared by the filter and the payload indexes so the two cannot drift apart. */
export const PAYLOAD_KEYS = ['kind', 'orgId', 'status', 'confidentiality', 'chainId'] as const;

/**
 * Levels anyone may see. Listing them (rather than excluding "confidential") fails closed: a point whose
 * confidentiality is missing or unknown is shown to nobody but its own organisation.
 */
const OPEN_LEVELS = confidentialityLevels.filter((level) => level !== 'confidential');

export type CountFilter = Omit<VectorFilter, 'audience'> & { audience?: Audience | undefined };

/** True when the filter can match nothing (an explicitly empty allow-list), so no request is needed. */
export function matchesNothing(filter: Partial<CountFilter> | undefined): boolean {
  return filter?.statuses?.length === 0 || filter?.chainIds?.length === 0;
}

/**
 * Translates the port's filter into one Qdrant filter that travels inside the query, so Qdrant applies it
 * while walking the HNSW graph and the top-k is taken among visible points only, never cut first.
 */
export function toQdrantFilter(filter: Partial<CountFilter> | undefined): QdrantFilter | undefined {
  if (!filter) return undefined;
  const must: QdrantCondition[] = [];
  const mustNot: QdrantCondition[] = [];
  if (filter.kind) must.push({ key: 'kind', match: { value: filter.kind } });
  if (filter.statuses) must.push({ key: 'status', match: { any: filter.statuses } });
  if (filter.chainIds) must.push({ key: 'chainId', match: { any: filter.chainIds } });
  if (filter.excludeOrgIds?.length) mustNot.push({ key: 'orgId', match: { any: filter.excludeOrgIds } });
  const audience = filter.audience;
  if (audience && 'orgId' in audience) {
    // Visible = not confidential OR owned by the viewer, as a nested filter so the OR stays local to this
    // clause and a later top-level `should` (hybrid boosts, say) cannot loosen it.
    must.push({
      should: [
        { key: 'confidentiality', match: { any: [...OPEN_LEVELS] } },
        { key: 'orgId', match: { value: audience.orgId } },
      ],
    });
  }
  if (must.length === 0 && mustNot.length === 0) return undefined;
  return { ...(must.length ? { must } : {}), ...(mustNot.length ? { must_not: mustNot } : {}) };
}
