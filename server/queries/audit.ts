/** The audit log: every sign-in, per-stay view, export and upload (Normen). Admins can read it. */
import type { UskDb } from '../../pipelines/db/open.ts';
import { maskIdentifiers } from '../../pipelines/db/errors.ts';

export interface AuditEntry {
  userId: string;
  role: string | null;
  action: string;
  target?: string | null;
  filters?: unknown;
  clientIp?: string | null;
  outcome?: 'ok' | 'refused' | 'failed';
}

/** Writes entries in one statement (the audit log's group commit, see http/audit.ts). */
export async function writeAudit(db: UskDb, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const params: Record<string, string | null> = {};
  const rows = entries.map((e, i) => {
    // A mistyped user name could be a fødselsnummer; never store one in clear.
    params[`u${i}`] = maskIdentifiers(e.userId);
    params[`r${i}`] = e.role;
    params[`a${i}`] = e.action;
    params[`t${i}`] = e.target === undefined || e.target === null ? null : maskIdentifiers(e.target);
    params[`f${i}`] = e.filters === undefined ? null : maskIdentifiers(JSON.stringify(e.filters));
    params[`i${i}`] = e.clientIp ?? null;
    params[`o${i}`] = e.outcome ?? 'ok';
    return `($u${i}, $r${i}, $a${i}, $t${i}, $f${i}::JSON, $i${i}, $o${i})`;
  });
  await db.run(`INSERT INTO audit_log (user_id, role, action, target, filters, client_ip, outcome) VALUES ${rows.join(', ')}`, params);
}

export interface AuditFilter {
  from?: string | undefined;
  to?: string | undefined;
  action?: string | undefined;
  user?: string | undefined;
  limit: number;
}

export interface AuditRow {
  audit_id: number;
  at: string;
  user_id: string;
  role: string | null;
  action: string;
  target: string | null;
  filters: string | null;
  client_ip: string | null;
  outcome: string;
}

export async function readAudit(db: UskDb, f: AuditFilter): Promise<AuditRow[]> {
  return db.json<AuditRow>(
    `SELECT audit_id::INTEGER AS audit_id, strftime(logged_at, '%Y-%m-%dT%H:%M:%S%z') AS at, user_id, role, action,
            target, filters::VARCHAR AS filters, client_ip, outcome
     FROM audit_log
     WHERE ($from::DATE IS NULL OR logged_at >= $from::DATE)
       AND ($to::DATE IS NULL OR logged_at < $to::DATE + INTERVAL 1 DAY)
       AND ($action::VARCHAR IS NULL OR action = $action)
       AND ($user::VARCHAR IS NULL OR user_id = $user)
     ORDER BY audit_id DESC LIMIT $limit`,
    { from: f.from ?? null, to: f.to ?? null, action: f.action ?? null, user: f.user ?? null, limit: f.limit },
  );
}
