import type { MiddlewareHandler } from 'hono';

/**
 * The pages' own policy, stricter than the API's where it can be and wider only where forms need it: no inline
 * script or style at all (no nonce, no attributes), scripts, styles and images from this origin only, and forms
 * may post back to this origin. `same-origin` referrers, because with `no-referrer` a browser sends
 * `Origin: null` on form posts and the CSRF origin check could not tell our own forms from a forged one.
 * Mounted in api/app.ts outside the app-wide security headers, so it is the one that reaches the browser.
 */
const policy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export const pageHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.res.headers.set('content-security-policy', policy);
  c.res.headers.set('referrer-policy', 'same-origin');
};
