/** Records one audited action for the current request on the write connection. */
import type { Request } from 'express';
import type { AppContext } from '../context.ts';
import type { User } from '../auth/roles.ts';
import { writeAudit, type AuditEntry } from '../queries/audit.ts';

export async function audit(
  ctx: AppContext,
  req: Request,
  user: User | { id: string; role: null },
  action: string,
  extra: Pick<AuditEntry, 'target' | 'filters' | 'outcome'> = {},
): Promise<void> {
  await ctx.pool.write((db) => writeAudit(db, { userId: user.id, role: user.role, action, clientIp: req.ip ?? null, ...extra }));
}
