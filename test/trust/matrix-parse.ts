import { type CallerLabel, callerLabels } from './matrix-world.ts';

/** One cell: the status, and whether a 404 must read like the same caller's 404 on a missing id. */
export type Expected = { status: number; sameAsMissing: boolean };
export type MatrixRow = { target: string; cells: Record<CallerLabel, Expected> };
export type MatrixRoute = { key: string; method: string; path: string; rows: MatrixRow[] };

const methods = new Set(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']);

function parseCell(token: string, where: string): Expected {
  const match = /^(\d{3})(g?)$/.exec(token);
  if (!match?.[1]) throw new Error(`${where}: "${token}" is not a status`);
  return { status: Number(match[1]), sameAsMissing: match[2] === '' && match[1] === '404' };
}

/**
 * Reads the text table: a header naming the columns, then for each route a `METHOD path` line and one line per
 * target. Lines starting with `#` are comments. Malformed lines throw, so a typo cannot drop a cell silently.
 */
export function parseMatrix(text: string): MatrixRoute[] {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const [header, ...rest] = lines;
  const columns = header?.split(/\s+/).slice(1) ?? [];
  if (columns.join(' ') !== callerLabels.join(' '))
    throw new Error(`matrix header "${columns.join(' ')}" is not "${callerLabels.join(' ')}"`);
  const routes: MatrixRoute[] = [];
  for (const line of rest) {
    const tokens = line.split(/\s+/);
    const [first = '', second = ''] = tokens;
    if (methods.has(first)) {
      const key = `${first} ${second}`;
      if (routes.some((r) => r.key === key)) throw new Error(`matrix: ${key} appears twice`);
      routes.push({ key, method: first, path: second, rows: [] });
      continue;
    }
    const route = routes.at(-1);
    if (!route) throw new Error(`matrix: "${line}" comes before any route`);
    const statuses = tokens.slice(1);
    if (statuses.length !== callerLabels.length)
      throw new Error(`matrix ${route.key} ${first}: ${statuses.length} cells, expected ${callerLabels.length}`);
    const where = `matrix ${route.key} ${first}`;
    const cells = Object.fromEntries(
      callerLabels.map((label, i) => [label, parseCell(statuses[i] ?? '', where)]),
    ) as Record<CallerLabel, Expected>;
    if (route.rows.some((r) => r.target === first)) throw new Error(`${where}: target appears twice`);
    route.rows.push({ target: first, cells });
  }
  for (const route of routes) {
    if (route.rows.length === 0) throw new Error(`matrix ${route.key}: no rows`);
    if (route.path.includes('{') && !route.rows.some((r) => r.target === 'missing'))
      throw new Error(`matrix ${route.key}: a route with an id needs a "missing" row to compare 404s with`);
  }
  return routes;
}
