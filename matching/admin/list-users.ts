import { and, asc, count, eq } from 'drizzle-orm';
import { managers } from '../../schema/managers.ts';
import { users } from '../../schema/users.ts';
import { type Page, pageOffset } from '../core/pagination.ts';
import { parseInput } from '../core/validate.ts';
import type { WithInput } from '../core/verb.ts';
import { assertAdmin } from './assert-admin.ts';
import type { ManagerRow, UserRow } from './create-user.ts';
import { listUsersInput } from './user-input.ts';

export async function listUsers({
  deps,
  actor,
  input,
}: WithInput<unknown>): Promise<Page<UserRow & { manager: ManagerRow | null }>> {
  assertAdmin(actor);
  const query = parseInput(listUsersInput, input);
  const where = and(
    query.role ? eq(users.role, query.role) : undefined,
    query.orgId ? eq(users.orgId, query.orgId) : undefined,
  );
  const [rows, totals] = await Promise.all([
    deps.db
      .select({ user: users, manager: managers })
      .from(users)
      .leftJoin(managers, eq(managers.userId, users.id))
      .where(where)
      .orderBy(asc(users.createdAt), asc(users.id))
      .limit(query.pageSize)
      .offset(pageOffset(query)),
    deps.db.select({ total: count() }).from(users).where(where),
  ]);
  const items = rows.map((row) => ({ ...row.user, manager: row.manager }));
  return { items, page: query.page, pageSize: query.pageSize, total: totals[0]?.total ?? 0 };
}
