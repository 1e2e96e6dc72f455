import { eq } from 'drizzle-orm';
import { createApiKey } from '../matching/admin/create-api-key.ts';
import { createOrganisation } from '../matching/admin/create-organisation.ts';
import { createUser } from '../matching/admin/create-user.ts';
import { users } from '../schema/users.ts';
import { parseCli, runCli } from './cli-args.ts';
import { loadConfig } from './config.ts';
import { createDeps } from './create-deps.ts';

const cli = {
  usage: `usage: npm run admin:create-key [-- --name NAME]
  Prints a new admin API key (shown once). On a fresh database it first creates the bureau organisation and
  an admin user, so everything else can be set up through the API.
  --name      a label for the key, shown in the key list (default: admin)`,
  options: { name: { type: 'string', default: 'admin' } },
} as const;

/** Arguments are read before the database is opened, so --help or a typo changes nothing. */
async function main() {
  const { values } = parseCli(cli);
  const config = loadConfig();
  const runtime = await createDeps({ ...config, LOG_LEVEL: 'warn' });
  try {
    const { deps } = runtime;
    const keyName = values.name;
    let [admin] = await deps.db.select().from(users).where(eq(users.role, 'admin')).limit(1);
    if (!admin) {
      const org = await createOrganisation({
        deps,
        actor: 'system',
        input: { name: '市科学技术局', kind: 'agency', city: '湖州市' },
      });
      admin = await createUser({ deps, actor: 'system', input: { orgId: org.id, name: '系统管理员', role: 'admin' } });
    }
    const key = await createApiKey({ deps, actor: 'system', userId: admin.id, input: { name: keyName } });
    process.stdout.write(`admin user: ${admin.name} (${admin.id})\nAPI key (shown once): ${key.key}\n`);
  } finally {
    await runtime.close();
  }
}

runCli('admin:create-key', main);
