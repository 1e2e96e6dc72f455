/**
 * The authorization matrix, written down once from the rules (not from the code): for each route the app
 * serves, each target it is called on, and each caller, the status the answer must have.
 *
 * Callers: anon = no key; revk = the enterprise owner's revoked key; ent = the enterprise that owns the needs;
 * inst = the university that owns the achievements; mgr = the manager every pair is assigned to; admin;
 * rivE = another enterprise; othI = another institution; othM = an unrelated manager (other chain);
 * chief = chief manager of the pairs' chain, not assigned; mInU = a manager user inside the owning university;
 * mInE = a manager user inside the owning enterprise.
 *
 * Targets: `-` no id; `missing` a random uuid; need:/ach:<level> an open need of ent / a published achievement
 * of inst at that confidentiality; <stage>:<level> a pair of such records in that stage, assigned to mgr;
 * granted:<level> an accepted pair whose two owners have disclosed their sides; user / key a spare user and a
 * key of theirs; platform a PoC centre no caller works at; notification one of ent's; ent-webhook / uni-webhook a webhook of ent's / inst's organisation.
 *
 * Every 404 on a real record must read exactly like the same caller's 404 on `missing`, except `404g`.
 */
export const matrixTable = `
  target                  anon  revk  ent   inst  mgr   admin rivE  othI  othM  chief mInU  mInE
# Rule 1: operations pages answer without a key (and ignore any key); / redirects to /docs.
GET /healthz
  -                       200   200   200   200   200   200   200   200   200   200   200   200
GET /readyz
  -                       200   200   200   200   200   200   200   200   200   200   200   200
GET /openapi.json
  -                       200   200   200   200   200   200   200   200   200   200   200   200
GET /docs
  -                       200   200   200   200   200   200   200   200   200   200   200   200
GET /
  -                       302   302   302   302   302   302   302   302   302   302   302   302
GET /admin/jobs
  -                       200   200   200   200   200   200   200   200   200   200   200   200
GET /metrics
  -                       200   200   200   200   200   200   200   200   200   200   200   200
# Rule 1 and 7: every /v1 route is 401 without a key or with a revoked one; /v1/me and /v1/chains for every role.
GET /v1/me
  -                       401   401   200   200   200   200   200   200   200   200   200   200
GET /v1/chains
  -                       401   401   200   200   200   200   200   200   200   200   200   200
# Rule 2: needs belong to enterprise users of the owning organisation (and admins). Rivals: 404 at every level.
POST /v1/needs
  -                       401   401   201   403   403   403   201   403   403   403   403   403
GET /v1/needs
  -                       401   401   200   200   200   200   200   200   200   200   200   200
GET /v1/needs/{id}
  need:public             401   401   200   200   200   200   404   200   200   200   200   200
  need:desensitised       401   401   200   200   200   200   404   200   200   200   200   200
  need:confidential       401   401   200   404   404   200   404   404   404   404   404   404
  missing                 401   401   404   404   404   404   404   404   404   404   404   404
PATCH /v1/needs/{id}
  need:public             401   401   200   404   404   200   404   404   404   404   404   404
  need:desensitised       401   401   200   404   404   200   404   404   404   404   404   404
  need:confidential       401   401   200   404   404   200   404   404   404   404   404   404
  missing                 401   401   404   404   404   404   404   404   404   404   404   404
POST /v1/needs/{id}/withdraw
  need:public             401   401   200   404   404   200   404   404   404   404   404   404
  need:desensitised       401   401   200   404   404   200   404   404   404   404   404   404
  need:confidential       401   401   200   404   404   200   404   404   404   404   404   404
  missing                 401   401   404   404   404   404   404   404   404   404   404   404
# Rule 5: party views, the record's owner and admins only.
GET /v1/needs/{id}/suggestions
  need:public             401   401   200   404   404   200   404   404   404   404   404   404
  need:desensitised       401   401   200   404   404   200   404   404   404   404   404   404
  need:confidential       401   401   200   404   404   200   404   404   404   404   404   404
  missing                 401   401   404   404   404   404   404   404   404   404   404   404
# Rule 3: the mirror image, institutions own achievements.
POST /v1/achievements
  -                       401   401   403   201   403   403   403   201   403   403   403   403
GET /v1/achievements
  -                       401   401   200   200   200   200   200   200   200   200   200   200
GET /v1/achievements/{id}
  ach:public              401   401   200   200   200   200   200   404   200   200   200   200
  ach:desensitised        401   401   200   200   200   200   200   404   200   200   200   200
  ach:confidential        401   401   404   200   404   200   404   404   404   404   404   404
  missing                 401   401   404   404   404   404   404   404   404   404   404   404
PATCH /v1/achievements/{id}
  ach:public              401   401   404   200   404   200   404   404   404   404   404   404
  ach:desensitised        401   401   404   200   404   200   404   404   404   404   404   404
  ach:confidential        401   401   404   200   404   200   404   404   404   404   404   404
  missing                 401   401   404   404   404   404   404   404   404   404   404   404
POST /v1/achievements/{id}/withdraw
  ach:public              401   401   404   200   404   200   404   404   404   404   404   404
  ach:desensitised        401   401   404   200   404   200   404   404   404   404   404   404
  ach:confidential        401   401   404   200   404   200   404   404   404   404   404   404
  missing                 401   401   404   404   404   404   404   404   404   404   404   404
# Rule 5.
GET /v1/achievements/{id}/pairs
  ach:public              401   401   404   200   404   200   404   404   404   404   404   404
  ach:desensitised        401   401   404   200   404   200   404   404   404   404   404   404
  ach:confidential        401   401   404   200   404   200   404   404   404   404   404   404
  missing                 401   401   404   404   404   404   404   404   404   404   404   404
# Rule 4: the manager side. Non-managers 403 (managers_only); a manager who may not see the pair 404;
# the chief of the pairs' chain sees and works them; an illegal move is 409.
GET /v1/queue
  -                       401   401   403   403   200   403   403   403   200   200   200   200
GET /v1/queue/unrouted
  -                       401   401   403   403   403   200   403   403   403   403   403   403
POST /v1/suggestions/{id}/claim
  routed:public           401   401   403   403   200   403   403   403   404   200   404   404
  routed:desensitised     401   401   403   403   200   403   403   403   404   200   404   404
  routed:confidential     401   401   403   403   200   403   403   403   404   200   404   404
  accepted:confidential   401   401   403   403   409   403   403   403   404   409   404   404
  missing                 401   401   403   403   404   403   403   403   404   404   404   404
POST /v1/suggestions/{id}/decision
  claimed:public          401   401   403   403   200   403   403   403   404   200   404   404
  claimed:desensitised    401   401   403   403   200   403   403   403   404   200   404   404
  claimed:confidential    401   401   403   403   200   403   403   403   404   200   404   404
  accepted:confidential   401   401   403   403   409   403   403   403   404   409   404   404
  missing                 401   401   403   403   404   403   403   403   404   404   404   404
POST /v1/suggestions/{id}/stage
  accepted:public         401   401   403   403   200   403   403   403   404   200   404   404
  accepted:desensitised   401   401   403   403   200   403   403   403   404   200   404   404
  accepted:confidential   401   401   403   403   200   403   403   403   404   200   404   404
  routed:confidential     401   401   403   403   409   403   403   403   404   409   404   404
  missing                 401   401   403   403   404   403   403   403   404   404   404   404
# AI assistance: need intake for enterprise users (it stores nothing); a pair's explanation for its assigned manager and admins.
POST /v1/assist/need-intake
  -                       401   401   200   403   403   403   200   403   403   403   403   403
POST /v1/suggestions/{id}/assist/explain
  routed:public           401   401   403   403   200   200   403   403   404   403   404   404
  routed:confidential     401   401   403   403   200   200   403   403   404   403   404   404
  missing                 401   401   403   403   404   404   403   403   404   404   404   404
GET /v1/suggestions/{id}/events
  accepted:public         401   401   403   403   200   200   403   403   404   200   404   404
  accepted:desensitised   401   401   403   403   200   200   403   403   404   200   404   404
  accepted:confidential   401   401   403   403   200   200   403   403   404   200   404   404
  routed:confidential     401   401   403   403   200   200   403   403   404   200   404   404
  missing                 401   401   403   403   404   404   403   403   404   404   404   404
# Rule 6: disclosure on purpose, by the owner of a side of an accepted pair. Parties cannot see an
# unaccepted pair (404); admins are told why (409 pair_not_accepted). 404g: the pair is the caller's, the grant is missing.
POST /v1/suggestions/{id}/disclosure
  accepted:public         401   401   201   201   404   201   404   404   404   404   404   404
  accepted:desensitised   401   401   201   201   404   201   404   404   404   404   404   404
  accepted:confidential   401   401   201   201   404   201   404   404   404   404   404   404
  granted:confidential    401   401   200   200   404   200   404   404   404   404   404   404
  routed:confidential     401   401   404   404   404   409   404   404   404   404   404   404
  missing                 401   401   404   404   404   404   404   404   404   404   404   404
POST /v1/suggestions/{id}/disclosure/revoke
  granted:public          401   401   200   200   404   200   404   404   404   404   404   404
  granted:desensitised    401   401   200   200   404   200   404   404   404   404   404   404
  granted:confidential    401   401   200   200   404   200   404   404   404   404   404   404
  accepted:confidential   401   401   404g  404g  404   404g  404   404   404   404   404   404
  routed:confidential     401   401   404   404   404   409   404   404   404   404   404   404
  missing                 401   401   404   404   404   404   404   404   404   404   404   404
# Platforms: the catalogue is open to everyone signed in; admins register, admins and the platform's own
# users change it (no column works at the platform).
POST /v1/platforms
  -                       401   401   403   403   403   201   403   403   403   403   403   403
GET /v1/platforms
  -                       401   401   200   200   200   200   200   200   200   200   200   200
GET /v1/platforms/{id}
  platform                401   401   200   200   200   200   200   200   200   200   200   200
  missing                 401   401   404   404   404   404   404   404   404   404   404   404
PATCH /v1/platforms/{id}
  platform                401   401   403   403   403   200   403   403   403   403   403   403
  missing                 401   401   404   404   404   404   404   404   404   404   404   404
GET /v1/platforms/{id}/pairs
  platform                401   401   403   403   403   200   403   403   403   403   403   403
  missing                 401   401   404   404   404   404   404   404   404   404   404   404
# Outcomes: recorded by whoever may work the pair (as the stage endpoint) and admins; parties 403. Read by
# those, and by the two parties once the pair is accepted.
POST /v1/suggestions/{id}/outcomes
  contacted:public        401   401   403   403   201   201   403   403   404   201   404   404
  contacted:confidential  401   401   403   403   201   201   403   403   404   201   404   404
  routed:confidential     401   401   403   403   409   409   403   403   404   409   404   404
  missing                 401   401   403   403   404   404   403   403   404   404   404   404
GET /v1/suggestions/{id}/outcomes
  accepted:public         401   401   200   200   200   200   404   404   404   200   404   404
  accepted:confidential   401   401   200   200   200   200   404   404   404   200   404   404
  routed:confidential     401   401   404   404   200   200   404   404   404   200   404   404
  missing                 401   401   404   404   404   404   404   404   404   404   404   404
# Rule 7: admin routes.
POST /v1/organisations
  -                       401   401   403   403   403   201   403   403   403   403   403   403
GET /v1/organisations
  -                       401   401   403   403   403   200   403   403   403   403   403   403
POST /v1/users
  -                       401   401   403   403   403   201   403   403   403   403   403   403
GET /v1/users
  -                       401   401   403   403   403   200   403   403   403   403   403   403
POST /v1/users/{id}/keys
  user                    401   401   403   403   403   201   403   403   403   403   403   403
  missing                 401   401   403   403   403   404   403   403   403   403   403   403
POST /v1/keys/{id}/revoke
  key                     401   401   403   403   403   200   403   403   403   403   403   403
  missing                 401   401   403   403   403   404   403   403   403   403   403   403
GET /v1/admin/jobs
  -                       401   401   403   403   403   200   403   403   403   403   403   403
GET /v1/suggestions
  -                       401   401   403   403   403   200   403   403   403   403   403   403
# Statistics (issue 11): admins and managers (a manager counts the pairs they hold); targets are the bureau's.
GET /v1/stats/funnel
  -                       401   401   403   403   200   200   403   403   200   200   200   200
GET /v1/stats/durations
  -                       401   401   403   403   200   200   403   403   200   200   200   200
GET /v1/stats/breakdown
  -                       401   401   403   403   200   200   403   403   200   200   200   200
GET /v1/stats/series
  -                       401   401   403   403   200   200   403   403   200   200   200   200
GET /v1/stats/targets
  -                       401   401   403   403   403   200   403   403   403   403   403   403
# Rule 7: notifications are the recipient's own.
GET /v1/notifications
  -                       401   401   200   200   200   200   200   200   200   200   200   200
POST /v1/notifications/read-all
  -                       401   401   200   200   200   200   200   200   200   200   200   200
POST /v1/notifications/{id}/read
  notification            401   401   200   404   404   404   404   404   404   404   404   404
  missing                 401   401   404   404   404   404   404   404   404   404   404   404
# Rule 7: webhooks belong to the party users of their organisation (and admins). "ent-org" names the
# owning enterprise in the body; "-" is the caller's own organisation.
POST /v1/webhooks
  -                       401   401   201   201   403   201   201   201   403   403   403   403
  ent-org                 401   401   201   403   403   201   403   403   403   403   403   403
GET /v1/webhooks
  -                       401   401   200   200   403   200   200   200   403   403   403   403
POST /v1/webhooks/{id}/disable
  ent-webhook             401   401   200   404   404   200   404   404   404   404   404   404
  uni-webhook             401   401   404   200   404   200   404   404   404   404   404   404
  missing                 401   401   404   404   404   404   404   404   404   404   404   404
# Pages (issue 11): called as a browser calls them, with a cookie session from signing in with the column's key
# (matrix-pages.ts). No session: GET 303 to the sign-in page, POST 401. A section not for the caller's role 403;
# inside it the same verbs as the API decide (404 for what the caller may not see, 409 for an illegal move).
# A successful form post answers 303 back to its page.
GET /app/assets/app.css
  -                       200   200   200   200   200   200   200   200   200   200   200   200
GET /app/assets/favicon.svg
  -                       200   200   200   200   200   200   200   200   200   200   200   200
GET /app/lang
  -                       303   303   303   303   303   303   303   303   303   303   303   303
GET /app/sign-in
  -                       200   200   200   200   200   200   200   200   200   200   200   200
POST /app/sign-in
  -                       401   401   303   303   303   303   303   303   303   303   303   303
POST /app/sign-out
  -                       401   401   303   303   303   303   303   303   303   303   303   303
GET /app
  -                       303   303   303   303   303   200   303   303   303   303   303   303
GET /app/queue
  -                       303   303   403   403   200   403   403   403   200   200   200   200
GET /app/pairs/{id}
  routed:public           303   303   403   403   200   403   403   403   404   200   404   404
  routed:confidential     303   303   403   403   200   403   403   403   404   200   404   404
  accepted:confidential   303   303   403   403   200   403   403   403   404   200   404   404
  missing                 303   303   403   403   404   403   403   403   404   404   404   404
POST /app/pairs/{id}/claim
  routed:public           401   401   403   403   303   403   403   403   404   303   404   404
  routed:confidential     401   401   403   403   303   403   403   403   404   303   404   404
  accepted:confidential   401   401   403   403   409   403   403   403   404   409   404   404
  missing                 401   401   403   403   404   403   403   403   404   404   404   404
POST /app/pairs/{id}/decision
  claimed:public          401   401   403   403   303   403   403   403   404   303   404   404
  claimed:confidential    401   401   403   403   303   403   403   403   404   303   404   404
  accepted:confidential   401   401   403   403   409   403   403   403   404   409   404   404
  missing                 401   401   403   403   404   403   403   403   404   404   404   404
POST /app/pairs/{id}/stage
  accepted:public         401   401   403   403   303   403   403   403   404   303   404   404
  accepted:confidential   401   401   403   403   303   403   403   403   404   303   404   404
  routed:confidential     401   401   403   403   409   403   403   403   404   409   404   404
  missing                 401   401   403   403   404   403   403   403   404   404   404   404
GET /app/needs
  -                       303   303   200   403   403   403   200   403   403   403   403   403
GET /app/needs/new
  -                       303   303   200   403   403   403   200   403   403   403   403   403
POST /app/needs
  -                       401   401   303   403   403   403   303   403   403   403   403   403
GET /app/needs/{id}
  need:public             303   303   200   403   403   403   404   403   403   403   403   403
  need:desensitised       303   303   200   403   403   403   404   403   403   403   403   403
  need:confidential       303   303   200   403   403   403   404   403   403   403   403   403
  missing                 303   303   404   403   403   403   404   403   403   403   403   403
GET /app/achievements
  -                       303   303   403   200   403   403   403   200   403   403   403   403
GET /app/achievements/{id}
  ach:public              303   303   403   200   403   403   403   404   403   403   403   403
  ach:desensitised        303   303   403   200   403   403   403   404   403   403   403   403
  ach:confidential        303   303   403   200   403   403   403   404   403   403   403   403
  missing                 303   303   403   404   403   403   403   404   403   403   403   403
`;

/**
 * Why a refusal is a refusal, where the rules name it: `code` or `code/reason` of the problem document, per
 * route and status. Every 401 must be `unauthorized`, whatever the route.
 */
const managersOnly = { 403: 'forbidden/managers_only' };
const adminOnly = { 403: 'forbidden/admin_only' };
const statsReaders = { 403: 'forbidden/admins_and_managers_only' };
const illegalMove = { ...managersOnly, 409: 'invalid_transition' };
const disclosure = { 409: 'conflict/pair_not_accepted' };
export const matrixReasons: Record<string, Partial<Record<number, string>>> = {
  'POST /v1/needs': { 403: 'forbidden/only_enterprises_post_needs' },
  'POST /v1/assist/need-intake': { 403: 'forbidden/only_enterprises_post_needs' },
  'POST /v1/achievements': { 403: 'forbidden/only_institutions_publish_achievements' },
  'GET /v1/queue': managersOnly,
  'POST /v1/suggestions/{id}/claim': illegalMove,
  'POST /v1/suggestions/{id}/decision': illegalMove,
  'POST /v1/suggestions/{id}/stage': illegalMove,
  'GET /v1/suggestions/{id}/events': managersOnly,
  'POST /v1/suggestions/{id}/disclosure': disclosure,
  'POST /v1/suggestions/{id}/disclosure/revoke': disclosure,
  'GET /v1/queue/unrouted': adminOnly,
  'POST /v1/platforms': adminOnly,
  'GET /v1/platforms/{id}/pairs': { 403: 'forbidden/platform_staff_only' },
  'POST /v1/suggestions/{id}/outcomes': { 403: 'forbidden/outcome_recorders_only', 409: 'invalid_transition' },
  'PATCH /v1/platforms/{id}': { 403: 'forbidden/platform_staff_only' },
  'POST /v1/organisations': adminOnly,
  'GET /v1/organisations': adminOnly,
  'POST /v1/users': adminOnly,
  'GET /v1/users': adminOnly,
  'POST /v1/users/{id}/keys': adminOnly,
  'POST /v1/keys/{id}/revoke': adminOnly,
  'GET /v1/admin/jobs': adminOnly,
  'GET /v1/suggestions': adminOnly,
  'GET /v1/stats/funnel': statsReaders,
  'GET /v1/stats/durations': statsReaders,
  'GET /v1/stats/breakdown': statsReaders,
  'GET /v1/stats/series': statsReaders,
  'GET /v1/stats/targets': adminOnly,
  'GET /v1/webhooks': { 403: 'forbidden/webhook_parties_only' },
};
