import type { CreateNeedInput } from '../../matching/needs/need-input.ts';

/** The API calls the load bench makes, each reported separately. */
export type CallKind = 'post_need' | 'get_queue' | 'claim' | 'decision';

/** One answered (or failed) HTTP call: `status` 0 when no answer came (network error or client timeout). */
export type CallRecord = { kind: CallKind; status: number; ms: number };

/** One need the client sent: which body (by index), the answer, and the id a 201 carried. */
export type PostRecord = { index: number; status: number; ms: number; needId?: string };

export type ManagerPersona = { userId: string; key: string; name: string; isChief: boolean };

export type ClientStart = {
  type: 'start';
  baseUrl: string;
  enterpriseKey: string;
  managers: ManagerPersona[];
  bodies: CreateNeedInput[];
  /** Posts per second, on a fixed schedule (open loop). */
  rate: number;
  /** Posts in flight at most; when reached the schedule slips and the achieved rate shows it. */
  maxInFlight: number;
  /** Wall-clock ms (Date.now) after which nothing new is sent. */
  deadline: number;
  /** How long an idle manager waits before reading their queue again. */
  managerPollMs: number;
};

/** The managers' side of the load, as the client saw it. */
export type ManagerTally = {
  /** Suggestions whose claim this client got a 200 for (one entry per 200). */
  claimsWon: string[];
  /** Suggestions whose decision this client got a 200 for (one entry per 200). */
  decisionsApplied: string[];
  /** Claims answered 404/409 because another manager (a chief) took the pair first: an expected race. */
  claimRacesLost: number;
  /** Decisions deliberately sent twice at once (a double click): exactly one of each pair should win. */
  doubleSubmits: number;
  /** Double submits where the second copy got 409 as it should. */
  doubleSubmitsRefused: number;
};

export type ParentMessage = ClientStart | { type: 'stop' };
export type ClientMessage =
  | { type: 'progress'; line: string }
  | { type: 'posted'; postingSeconds: number }
  | {
      type: 'done';
      posts: PostRecord[];
      calls: CallRecord[];
      tally: ManagerTally;
      postingSeconds: number;
      /** From the start of the load until the managers stopped. */
      managerSeconds: number;
      /** Needs never sent because the deadline came first. */
      unsent: number;
    };
