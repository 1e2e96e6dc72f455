/**
 * Descriptions and examples for the path and query parameters of the OpenAPI document. The parameters
 * themselves come from the domain's zod input schemas (matching/), which know nothing of the document; the
 * words live here, once per name, because a name means the same on every route that takes it (`page`,
 * `chain`, `needId`). Where it does not (`id`, `status`, `orgId`, `q`), the entry reads the path.
 * A parameter missing here fails test/api/openapi-document.test.ts, so a new filter cannot ship undescribed.
 */
export type ParameterDoc = { description: string; example: unknown };
type Entry = ParameterDoc | ((path: string) => ParameterDoc | undefined);

const exampleId = '0b9d6c1e-3f4a-4e8b-9c2d-7a5e1f3b8d40';

/** `/v1/needs/{id}/suggestions` → `need`: the resource an `{id}` names is the segment before it. */
function resourceOf(path: string): string {
  const segment = /\/v1\/([a-z-]+)\/\{id\}/.exec(path)?.[1] ?? 'record';
  const singular: Record<string, string> = {
    needs: 'need',
    achievements: 'achievement',
    suggestions: 'pair (suggestion)',
    users: 'user',
    keys: 'API key',
    notifications: 'notification',
    webhooks: 'webhook',
    platforms: 'platform',
  };
  return singular[segment] ?? segment;
}

const entries: Record<string, Entry> = {
  id: (path) => ({ description: `The ${resourceOf(path)}'s id (a UUID)`, example: exampleId }),
  page: { description: 'Page number, from 1', example: 1 },
  pageSize: { description: 'Items per page, 1–100', example: 20 },
  limit: { description: 'How many recent failures and stuck jobs to list, 1–100', example: 20 },
  stuckAfterSeconds: {
    description: 'A job pending past its due time, or dispatched and unsettled, this many seconds counts as stuck',
    example: 300,
  },
  chain: { description: 'Only this industry chain (an id from `GET /v1/chains`)', example: 'nev' },
  chainSource: {
    description: 'Who set the chain: `user` (the owner chose it) or `classified` (the classifier did)',
    example: 'user',
  },
  confidentiality: { description: 'Only records at this confidentiality level', example: 'public' },
  q: (path) =>
    path === '/v1/organisations'
      ? { description: "Part of the organisation's name (case-insensitive)", example: '新能源' }
      : { description: 'Part of the title, for scanning your own list', example: '电池' },
  orgId: (path) => {
    if (path === '/v1/users') return { description: 'Only users of this organisation', example: exampleId };
    if (path === '/v1/webhooks')
      return {
        description: "Admins: only this organisation's webhooks (others always see their own)",
        example: exampleId,
      };
    return { description: 'Only records owned by this organisation', example: exampleId };
  },
  status: (path) =>
    path === '/v1/achievements'
      ? { description: 'Only achievements in this status', example: 'published' }
      : { description: 'Only needs in this status', example: 'open' },
  matchState: {
    description: "Only needs whose last match had this verdict (owner's and admins' view)",
    example: 'no_match_yet',
  },
  kind: (path) =>
    path === '/v1/platforms'
      ? { description: 'Only PoC centres (`poc_centre`) or pilot platforms (`pilot_platform`)', example: 'poc_centre' }
      : { description: 'Only organisations of this kind', example: 'enterprise' },
  level: {
    description: 'Only platforms recognised at this level (national, provincial, municipal)',
    example: 'provincial',
  },
  phase: { description: 'Only PoC centres serving this PoC phase (1, 2 or 3)', example: 2 },
  field: { description: 'Only platforms serving this technical field (exact label)', example: '新材料' },
  district: (path) =>
    path.startsWith('/v1/stats/')
      ? { description: 'Only needs of enterprises in this district (exact name), and their pairs', example: '吴兴区' }
      : { description: 'Only organisations in this district (exact name)', example: '浦东新区' },
  role: { description: 'Only users with this role', example: 'manager' },
  unread: { description: '`true`: only unread notifications; `false`: only read ones', example: 'true' },
  needId: { description: 'Only pairs for this need', example: exampleId },
  stage: {
    description: 'Only pairs in these stages: repeat the key (`stage=a&stage=b`) or give a comma list (`stage=a,b`)',
    example: ['routed', 'claimed'],
  },
  olderThanHours: {
    description: 'Only pairs waiting longer than this: since they reached a queue, or since proposed if never routed',
    example: 48,
  },
  groupBy: {
    description: '`need`: one item per need with all of its matching pairs, so alternatives sit side by side',
    example: 'need',
  },
  managerId: (path) =>
    path.startsWith('/v1/stats/')
      ? {
          description: 'Only the pairs this manager holds (admins; a manager may name only themselves)',
          example: exampleId,
        }
      : { description: "Only pairs in this manager's queue", example: exampleId },
  from: {
    description: 'From this day (UTC+8, inclusive): needs posted since, or for series the events since',
    example: '2026-01-01',
  },
  to: { description: 'Up to this day (UTC+8, inclusive)', example: '2026-12-31' },
  by: { description: 'The dimension to group by', example: 'rankerVersion' },
  interval: { description: 'Period length: `week` (from Monday) or `month`', example: 'month' },
  year: { description: 'The plan year (default: the year of the plan in force)', example: 2026 },
  achievementId: { description: 'Only pairs for this achievement', example: exampleId },
  unrouted: {
    description:
      '`true`: only pairs no manager holds (not routed yet, or routing found nobody); `false`: only held ones',
    example: 'true',
  },
};

/** The words for one parameter of one path, or undefined when none are written (the test reports it). */
export function parameterDoc(name: string, path: string): ParameterDoc | undefined {
  const entry = entries[name];
  return typeof entry === 'function' ? entry(path) : entry;
}
