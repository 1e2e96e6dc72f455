import { type IncomingHttpHeaders, request } from 'node:http';

export type PageAnswer = { status: number; headers: IncomingHttpHeaders; text: string };

/**
 * A browser-like client over real HTTP for the pages: it keeps cookies (by name, ignoring paths, which the
 * tests choose), sends `Origin` like a browser does on a form post, and never follows redirects, so each
 * step's status and Location can be checked.
 */
export function pageClient(baseUrl: string) {
  const jar = new Map<string, string>();
  const origin = new URL(baseUrl).origin;
  const send = (
    method: string,
    path: string,
    options: { form?: Record<string, string | string[]>; headers?: Record<string, string> } = {},
  ) =>
    new Promise<PageAnswer>((resolve, reject) => {
      const headers: Record<string, string> = { ...options.headers };
      const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
      if (cookie) headers.cookie = cookie;
      let body: string | undefined;
      if (options.form) {
        const params = new URLSearchParams();
        for (const [name, value] of Object.entries(options.form))
          for (const v of Array.isArray(value) ? value : [value]) params.append(name, v);
        body = params.toString();
        headers['content-type'] ??= 'application/x-www-form-urlencoded';
        headers.origin ??= origin;
      }
      const req = request(`${baseUrl}${path}`, { method, headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          for (const line of res.headers['set-cookie'] ?? []) {
            const [pair = ''] = line.split(';');
            const [name = '', value = ''] = pair.split('=');
            if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === '') jar.delete(name);
            else jar.set(name, value);
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') });
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  return {
    jar,
    get: (path: string, headers?: Record<string, string>) => send('GET', path, headers ? { headers } : {}),
    post: (path: string, form: Record<string, string | string[]>, headers?: Record<string, string>) =>
      send('POST', path, { form, ...(headers ? { headers } : {}) }),
    /** The CSRF token of the first form on a page. */
    csrfOf: (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '',
    async signIn(key: string) {
      const form = await send('GET', '/app/sign-in');
      return send('POST', '/app/sign-in', {
        form: { _csrf: /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1] ?? '', key },
      });
    },
  };
}
