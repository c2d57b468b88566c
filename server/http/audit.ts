/**
 * The audit log writer. Every audited request waits until its entry is committed (Normen: no view
 * without a trace), but entries that arrive while a write is in progress are committed together in
 * the next one (group commit), so a busy hour of per-stay views does not queue behind itself.
 */
import type { Request } from 'express';
import type { AppContext } from '../context.ts';
import type { DbPool } from '../db/pool.ts';
import type { User } from '../auth/roles.ts';
import { writeAudit, type AuditEntry } from '../queries/audit.ts';

interface Pending {
  entry: AuditEntry;
  resolve: () => void;
  reject: (e: unknown) => void;
}

export class AuditLog {
  private pending: Pending[] = [];
  private flushing = false;

  constructor(private readonly pool: DbPool) {}

  write(entry: AuditEntry): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ entry, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, 500);
      try {
        await this.pool.write((db) => writeAudit(db, batch.map((p) => p.entry)));
        for (const p of batch) p.resolve();
      } catch (e) {
        // Each waiting request fails with the error (the route answers 500): never a silent gap.
        for (const p of batch) p.reject(e);
      }
    }
    this.flushing = false;
  }
}

/** Records one audited action for the current request. */
export async function audit(
  ctx: AppContext,
  req: Request,
  user: User | { id: string; role: null },
  action: string,
  extra: Pick<AuditEntry, 'target' | 'filters' | 'outcome'> = {},
): Promise<void> {
  await ctx.auditLog.write({ userId: user.id, role: user.role, action, clientIp: req.ip ?? null, ...extra });
}
