import { pageClient } from '../pages/page-client.ts';
import { sampleNeed } from '../support/factories.ts';
import type { CallerLabel, MatrixWorld } from './matrix-world.ts';

type Client = ReturnType<typeof pageClient>;
export type PageAnswer = { status: number; contentType: string; location: string | null; body: string };

/** The web pages (`/app`) are called as a browser calls them: a cookie session from signing in with the key. */
export const isPageRoute = (path: string) => path === '/app' || path.startsWith('/app/');

/** A valid form for each page write, so a cell's answer is about who calls, never about the input. */
const forms: Record<string, () => Record<string, string | string[]>> = {
  'POST /app/pairs/{id}/decision': () => ({ decision: 'accept' }),
  'POST /app/pairs/{id}/stage': () => ({ to: 'contacted' }),
  'POST /app/needs': () => {
    const need = sampleNeed();
    return {
      title: need.title,
      description: need.description,
      chainId: need.chainId,
      keywords: need.keywords.join(','),
    };
  },
};

/** The CSRF token of the signed-in layout (its sign-out form), from the caller's start page. */
async function csrfOf(client: Client): Promise<string> {
  const home = await client.get('/app');
  const start =
    home.status === 303 && typeof home.headers.location === 'string' ? await client.get(home.headers.location) : home;
  return client.csrfOf(start.text);
}

/** Signs the caller in (anon and a revoked key end up without a session), once per caller for the matrix. */
async function signedIn(world: MatrixWorld, caller: CallerLabel): Promise<{ client: Client; csrf: string }> {
  const client = pageClient(world.url);
  const key = world.keys[caller];
  if (!key) return { client, csrf: '' };
  const res = await client.signIn(key);
  return { client, csrf: res.status === 303 ? await csrfOf(client) : '' };
}

export class PageSessions {
  private readonly sessions = new Map<CallerLabel, Promise<{ client: Client; csrf: string }>>();

  constructor(private readonly world: MatrixWorld) {}

  private session(caller: CallerLabel) {
    let session = this.sessions.get(caller);
    if (!session) {
      session = signedIn(this.world, caller);
      this.sessions.set(caller, session);
    }
    return session;
  }

  /**
   * One page cell. Sign-in is the whole flow with the caller's key; sign-out uses a session of its own, so the
   * shared one survives; every other POST carries the session's CSRF token, as the page's form would. The id
   * is written back as `{id}` in the body, so a hidden record's 404 page can be compared with a missing one's.
   */
  async call(routeKey: string, method: string, path: string, caller: CallerLabel, id?: string): Promise<PageAnswer> {
    let answer: Awaited<ReturnType<Client['get']>>;
    if (routeKey === 'POST /app/sign-in')
      answer = await pageClient(this.world.url).signIn(this.world.keys[caller] ?? '');
    else {
      const { client, csrf } =
        routeKey === 'POST /app/sign-out' ? await signedIn(this.world, caller) : await this.session(caller);
      answer =
        method === 'GET' ? await client.get(path) : await client.post(path, { ...forms[routeKey]?.(), _csrf: csrf });
    }
    const location = typeof answer.headers.location === 'string' ? answer.headers.location : null;
    const body = id ? answer.text.replaceAll(id, '{id}') : answer.text;
    return { status: answer.status, contentType: String(answer.headers['content-type'] ?? ''), location, body };
  }
}

/** Pages answer in HTML (a refused post without a session in plain text) and redirect only within the pages. */
export function pageShapeProblems(answer: PageAnswer): string[] {
  if (answer.status === 303)
    return answer.location?.startsWith('/app') ? [] : [`redirects to ${answer.location}, outside the pages`];
  if (answer.status < 400) return [];
  return answer.contentType.startsWith('text/') ? [] : [`a ${answer.status} as ${answer.contentType}, not a page`];
}
