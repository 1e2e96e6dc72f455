import { isPageRoute, PageSessions, pageShapeProblems } from './matrix-pages.ts';
import type { MatrixRoute, MatrixRow } from './matrix-parse.ts';
import { bodyFor, isWrite } from './matrix-routes.ts';
import { matrixReasons } from './matrix-table.ts';
import { makeTarget, type TargetInstance } from './matrix-targets.ts';
import { type CallerLabel, callerLabels, type MatrixWorld } from './matrix-world.ts';

type Answer = { status: number; contentType: string; body: unknown };

/** The problem document without its per-request id: what must not differ between a hidden and a missing id. */
function problemShape(body: unknown): string {
  if (typeof body !== 'object' || body === null) return JSON.stringify(body);
  const { requestId: _requestId, ...rest } = body as Record<string, unknown>;
  return JSON.stringify(rest);
}

const describeBody = (body: unknown) => JSON.stringify(body)?.slice(0, 160) ?? String(body);

/** What is wrong with one answer, besides its status: errors are problem+json, the redirect goes to /docs. */
function shapeProblems(answer: Answer, location: string | null, reason: string | undefined): string[] {
  if (answer.status === 302) return location === '/docs' ? [] : [`redirects to ${location}, not /docs`];
  if (answer.status < 400) return [];
  const issues: string[] = [];
  if (!answer.contentType.startsWith('application/problem+json'))
    issues.push(`a ${answer.status} as ${answer.contentType}, not application/problem+json`);
  const body = answer.body as { status?: unknown; code?: unknown; reason?: unknown } | null;
  if (body?.status !== answer.status || typeof body?.code !== 'string')
    issues.push(`problem document without matching status and code: ${describeBody(answer.body)}`);
  const said = typeof body?.reason === 'string' ? `${body.code}/${body.reason}` : String(body?.code);
  const expected = answer.status === 401 ? 'unauthorized' : reason;
  if (expected && said !== expected && String(body?.code) !== expected)
    issues.push(`refused as ${said}, expected ${expected}`);
  return issues;
}

export class MatrixRunner {
  private readonly shared = new Map<string, Promise<TargetInstance>>();
  private readonly pages: PageSessions;

  constructor(private readonly world: MatrixWorld) {
    this.pages = new PageSessions(world);
  }

  /** Runs every cell of the route and returns one line per disagreement with the table (none: all agree). */
  async run(route: MatrixRoute): Promise<string[]> {
    const failures: string[] = [];
    const missing = new Map<CallerLabel, Answer>();
    // The missing-id row first: the other rows' 404s are compared with it.
    const rows = [...route.rows].sort((a, b) => Number(b.target === 'missing') - Number(a.target === 'missing'));
    for (const row of rows) {
      for (const caller of callerLabels) {
        const answer = await this.cell(route, row, caller, failures);
        if (row.target === 'missing') missing.set(caller, answer);
        const expected = row.cells[caller];
        const baseline = missing.get(caller);
        if (row.target === 'missing' || !expected.sameAsMissing || answer.status !== 404 || !baseline) continue;
        if (problemShape(answer.body) !== problemShape(baseline.body))
          failures.push(
            `${route.key} [${row.target}] ${caller}: this 404 differs from the missing id's — ` +
              `${describeBody(answer.body)} vs ${describeBody(baseline.body)}`,
          );
      }
    }
    return failures;
  }

  private target(route: MatrixRoute, token: string): Promise<TargetInstance> {
    if (isWrite(route.method)) return makeTarget(this.world, token);
    let instance = this.shared.get(token);
    if (!instance) {
      instance = makeTarget(this.world, token);
      this.shared.set(token, instance);
    }
    return instance;
  }

  private async cell(route: MatrixRoute, row: MatrixRow, caller: CallerLabel, failures: string[]): Promise<Answer> {
    const instance = await this.target(route, row.target);
    const path = instance.id ? route.path.replace('{id}', instance.id) : route.path;
    if (isPageRoute(route.path)) return this.pageCell(route, row, caller, path, instance, failures);
    const body = bodyFor(route.key, { world: this.world, caller, target: row.target });
    const key = this.world.keys[caller];
    const response = await this.world.call(route.method, path, {
      ...(key ? { key } : {}),
      ...(body !== undefined ? { body } : {}),
    });
    if (isWrite(route.method)) await instance.after?.();
    const answer = {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      body: response.body,
    };
    const where = `${route.key} [${row.target}] ${caller}`;
    const expected = row.cells[caller].status;
    if (answer.status !== expected)
      failures.push(`${where}: expected ${expected}, got ${answer.status} ${describeBody(answer.body)}`);
    const reason = matrixReasons[route.key]?.[answer.status];
    for (const issue of shapeProblems(answer, response.headers.get('location'), reason))
      failures.push(`${where}: ${issue}`);
    return answer;
  }

  /** A page cell: the caller's cookie session instead of a Bearer key, HTML instead of problem documents. */
  private async pageCell(
    route: MatrixRoute,
    row: MatrixRow,
    caller: CallerLabel,
    path: string,
    instance: TargetInstance,
    failures: string[],
  ): Promise<Answer> {
    const page = await this.pages.call(route.key, route.method, path, caller, instance.id);
    if (isWrite(route.method)) await instance.after?.();
    const where = `${route.key} [${row.target}] ${caller}`;
    const expected = row.cells[caller].status;
    if (page.status !== expected) failures.push(`${where}: expected ${expected}, got ${page.status}`);
    for (const issue of pageShapeProblems(page)) failures.push(`${where}: ${issue}`);
    return { status: page.status, contentType: page.contentType, body: page.body };
  }
}
