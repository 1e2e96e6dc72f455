import { eq } from 'drizzle-orm';
import { createApiKey } from '../matching/admin/create-api-key.ts';
import { createUser } from '../matching/admin/create-user.ts';
import { organisations } from '../schema/organisations.ts';
import { users } from '../schema/users.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createDeps } from './create-deps.ts';

/**
 * Prints an admin API key. On a fresh database it first creates the bureau organisation and an admin user, so
 * an operator can bootstrap everything else through the API. Usage: npm run admin:create-key [-- --name NAME]
 */
async function main() {
  const config = loadConfig();
  const runtime = await createDeps({ ...config, LOG_LEVEL: 'warn' });
  try {
    const { deps } = runtime;
    const nameIndex = process.argv.indexOf('--name');
    const keyName = nameIndex > 0 ? (process.argv[nameIndex + 1] ?? 'admin') : 'admin';
    let [admin] = await deps.db.select().from(users).where(eq(users.role, 'admin')).limit(1);
    if (!admin) {
      const [org] = await deps.db
        .insert(organisations)
        .values({ name: '市科学技术局', kind: 'agency', city: '湖州市' })
        .returning();
      if (!org) throw new Error('could not create the admin organisation');
      admin = await createUser({ deps, actor: 'system', input: { orgId: org.id, name: '系统管理员', role: 'admin' } });
    }
    const key = await createApiKey({ deps, actor: 'system', userId: admin.id, input: { name: keyName } });
    process.stdout.write(`admin user: ${admin.name} (${admin.id})\nAPI key (shown once): ${key.key}\n`);
  } finally {
    await runtime.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(error instanceof ConfigError ? 2 : 1);
});
