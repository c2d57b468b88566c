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

/** One entry as stored: masked, with the time of the action (the journal line and the table row). */
export interface AuditRecord {
  at: string; // ISO 8601, UTC
  user_id: string;
  role: string | null;
  action: string;
  target: string | null;
  filters: string | null; // JSON text
  client_ip: string | null;
  outcome: string;
}

export function auditRecord(e: AuditEntry, at: Date): AuditRecord {
  return {
    at: at.toISOString(),
    // A mistyped user name could be a fødselsnummer; never store one in clear (journal or table).
    user_id: maskIdentifiers(e.userId),
    role: e.role,
    action: e.action,
    target: e.target === undefined || e.target === null ? null : maskIdentifiers(e.target),
    filters: e.filters === undefined ? null : maskIdentifiers(JSON.stringify(e.filters)),
    client_ip: e.clientIp ?? null,
    outcome: e.outcome ?? 'ok',
  };
}

/**
 * Imports one journal segment (http/audit.ts) in one transaction, and marks it imported in the same
 * transaction: a crash after the commit but before the file is deleted cannot import it twice.
 */
export async function importAuditSegment(db: UskDb, segment: string, records: readonly AuditRecord[]): Promise<void> {
  if (records.length === 0) return;
  await db.transaction(async () => {
    for (let start = 0; start < records.length; start += 500) {
      const params: Record<string, string | null> = {};
      const rows = records.slice(start, start + 500).map((r, i) => {
        params[`at${i}`] = r.at;
        params[`u${i}`] = r.user_id;
        params[`r${i}`] = r.role;
        params[`a${i}`] = r.action;
        params[`t${i}`] = r.target;
        params[`f${i}`] = r.filters;
        params[`i${i}`] = r.client_ip;
        params[`o${i}`] = r.outcome;
        return `($at${i}::TIMESTAMPTZ, $u${i}, $r${i}, $a${i}, $t${i}, $f${i}::JSON, $i${i}, $o${i})`;
      });
      await db.run(`INSERT INTO audit_log (logged_at, user_id, role, action, target, filters, client_ip, outcome) VALUES ${rows.join(', ')}`, params);
    }
    await db.run('INSERT INTO audit_journal_segment (segment) VALUES ($segment)', { segment });
  });
}

export async function isSegmentImported(db: UskDb, segment: string): Promise<boolean> {
  return (await db.all('SELECT 1 FROM audit_journal_segment WHERE segment = $segment', { segment })).length > 0;
}

/** Forgets the marks once no journal file is left that they could refer to (at start). */
export async function forgetImportedSegments(db: UskDb): Promise<void> {
  await db.run('DELETE FROM audit_journal_segment');
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
