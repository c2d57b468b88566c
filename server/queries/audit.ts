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

export async function writeAudit(db: UskDb, e: AuditEntry): Promise<void> {
  await db.run(
    `INSERT INTO audit_log (user_id, role, action, target, filters, client_ip, outcome)
     VALUES ($user, $role, $action, $target, $filters, $ip, $outcome)`,
    {
      // A mistyped user name could be a fødselsnummer; never store one in clear.
      user: maskIdentifiers(e.userId),
      role: e.role,
      action: e.action,
      target: e.target === undefined || e.target === null ? null : maskIdentifiers(e.target),
      filters: e.filters === undefined ? null : maskIdentifiers(JSON.stringify(e.filters)),
      ip: e.clientIp ?? null,
      outcome: e.outcome ?? 'ok',
    },
  );
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
