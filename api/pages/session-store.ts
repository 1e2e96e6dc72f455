import { randomBytes } from 'node:crypto';

/**
 * A signed-in browser. The API key is kept here, in this process's memory only, so every page request can be
 * authenticated exactly as an API call is (matching/admin/authenticate-key.ts): a revoked key or a changed role
 * takes effect on the next click, not when a token expires. The cookie carries only the random session id.
 */
export type Session = { id: string; secret: string; csrf: string; createdAt: number; lastSeenAt: number };

export type SessionLimits = { idleMs: number; absoluteMs: number; maxSessions: number };

export const defaultSessionLimits: SessionLimits = {
  idleMs: 2 * 3_600_000,
  absoluteMs: 12 * 3_600_000,
  maxSessions: 10_000,
};

const randomToken = () => randomBytes(32).toString('base64url');

/**
 * Server-side sessions in memory (the choice is explained in README "Pages"): sign-out really ends a session,
 * at the cost that a restart signs everyone out and several API processes need sticky routing. A store with
 * the same three methods over PostgreSQL or Redis can replace it without touching the pages.
 */
export class MemorySessionStore {
  readonly #sessions = new Map<string, Session>();

  constructor(
    readonly limits: SessionLimits = defaultSessionLimits,
    private readonly now: () => number = Date.now,
  ) {}

  create(secret: string): Session {
    const at = this.now();
    const session = { id: randomToken(), secret, csrf: randomToken(), createdAt: at, lastSeenAt: at };
    // Oldest first (a Map keeps insertion order): a flood of sign-ins evicts the stalest sessions, never grows.
    while (this.#sessions.size >= this.limits.maxSessions) {
      const oldest = this.#sessions.keys().next().value;
      if (oldest === undefined) break;
      this.#sessions.delete(oldest);
    }
    this.#sessions.set(session.id, session);
    return session;
  }

  /** The live session for a cookie value; an idle or too old one is removed and answers undefined. */
  get(id: string | undefined): Session | undefined {
    if (!id) return undefined;
    const session = this.#sessions.get(id);
    if (!session) return undefined;
    const at = this.now();
    if (at - session.lastSeenAt > this.limits.idleMs || at - session.createdAt > this.limits.absoluteMs) {
      this.#sessions.delete(id);
      return undefined;
    }
    session.lastSeenAt = at;
    return session;
  }

  delete(id: string): void {
    this.#sessions.delete(id);
  }

  get size(): number {
    return this.#sessions.size;
  }
}

export const newFormToken = randomToken;
