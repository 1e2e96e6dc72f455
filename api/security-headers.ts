import type { Context, MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from './env.ts';

/**
 * A fresh nonce per response, shared by the CSP header and the page's inline `<style>` and `<script>`.
 * base64url rather than hono's NONCE (base64), so it needs no escaping anywhere.
 */
export function pageNonce(c: Context): string {
  let value = c.get('secureHeadersNonce');
  if (!value) {
    value = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64url');
    c.set('secureHeadersNonce', value);
  }
  return value;
}

const nonceSource = (c: Context) => `'nonce-${pageNonce(c)}'`;

/** Public documents that change only with a deploy; everything else may carry records and is never stored. */
const brieflyCacheable = new Set(['/openapi.json']);

/**
 * Security headers on every response, in one place, so a new page or route cannot forget them: nosniff,
 * no framing, no referrer, and one strict CSP. The CSP is sent with every response, not only HTML: on JSON
 * it costs nothing and stops script should a response ever be shown as a page, and any future page is
 * covered without a list.
 * Pages may run only the inline style and script that carry this response's nonce, may fetch only this
 * origin, and may not submit forms anywhere (the admin page's key must never travel in a URL).
 * HSTS is left to the TLS-terminating proxy: this process may be reached over plain HTTP inside the network.
 */
export function securityHeaders(): MiddlewareHandler<AppEnv> {
  const headers = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      scriptSrc: [nonceSource],
      styleSrc: [nonceSource],
      connectSrc: ["'self'"],
      formAction: ["'none'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    strictTransportSecurity: false,
  });
  return async (c, next) => {
    await headers(c, next);
    // A route that chose its own caching (a secret shown once, metrics) keeps it.
    if (c.res.headers.has('cache-control')) return;
    const cacheable = brieflyCacheable.has(c.req.path) && c.res.status === 200;
    c.res.headers.set('cache-control', cacheable ? 'public, max-age=300' : 'no-store');
  };
}
