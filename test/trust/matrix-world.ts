import { createApiKey } from '../../matching/admin/create-api-key.ts';
import { revokeApiKey } from '../../matching/admin/revoke-api-key.ts';
import type { Deps } from '../../matching/core/deps.ts';
import { makePersona, type Persona } from '../support/factories.ts';
import { type Call, startServer } from '../support/http.ts';
import { makeManager } from '../support/pipeline-factories.ts';
import { openTestDb } from '../support/test-db.ts';
import { testDeps } from '../support/test-deps.ts';
import { managerInside } from './canary-users.ts';
import { userIn } from './trust-factory.ts';

/** The pairs' chain: the chief leads it; the unrelated manager (chains ['ai']) does not. */
export const matrixChain = 'textile';

/** The matrix's columns, in the order the table writes them (the table's header must repeat this order). */
export const callerLabels = [
  'anon',
  'revk',
  'ent',
  'inst',
  'mgr',
  'admin',
  'rivE',
  'othI',
  'othM',
  'chief',
  'mInU',
  'mInE',
] as const;
export type CallerLabel = (typeof callerLabels)[number];

export type MatrixWorld = {
  deps: Deps;
  call: Call;
  /** The server's base URL, for the web pages' cookie sessions (matrix-pages.ts). */
  url: string;
  /** The API key each column calls with; `undefined` sends no Authorization header. */
  keys: Record<CallerLabel, string | undefined>;
  ent: Persona;
  inst: Persona;
  mgr: Persona;
  admin: Persona;
  /** Another user to mint keys for, so a revoke cell never locks a column out. */
  spare: Persona;
  close(): Promise<void>;
};

export async function buildMatrixWorld(): Promise<MatrixWorld> {
  const handle = await openTestDb('pglite');
  const deps = testDeps(handle.db);
  const server = await startServer(deps);
  const [ent, inst, mgr, admin, rivE, othI, othM, spare] = await Promise.all([
    makePersona(deps, 'enterprise'),
    makePersona(deps, 'institution'),
    makePersona(deps, 'manager'),
    makePersona(deps, 'admin'),
    makePersona(deps, 'enterprise'),
    makePersona(deps, 'institution'),
    makePersona(deps, 'manager'),
    makePersona(deps, 'enterprise'),
  ]);
  const chief = await makeManager(deps, { chains: [matrixChain], isChief: true });
  const mInU = await userIn(deps, inst.orgId, 'manager', { chains: [matrixChain] });
  const mInE = await managerInside(deps, ent.orgId, matrixChain);
  // The enterprise owner's own key, revoked: a key that once spoke for the owner must open nothing.
  const revoked = await createApiKey({ deps, actor: 'system', userId: ent.userId, input: { name: 'revoked' } });
  await revokeApiKey({ deps, actor: admin, id: revoked.id });

  return {
    deps,
    call: server.call,
    url: server.url,
    keys: {
      anon: undefined,
      revk: revoked.key,
      ent: ent.key,
      inst: inst.key,
      mgr: mgr.key,
      admin: admin.key,
      rivE: rivE.key,
      othI: othI.key,
      othM: othM.key,
      chief: chief.key,
      mInU: mInU.key,
      mInE: mInE.key,
    },
    ent,
    inst,
    mgr,
    admin,
    spare,
    close: async () => {
      await server.close();
      await handle.drop();
    },
  };
}
