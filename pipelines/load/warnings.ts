import type { UskDb } from '../db/open.ts';
import { rejectedCountWarning } from './result.ts';

/** Warnings of a batch for the CLI and API: one line per kind, with a count and the first one. */
export async function summarizeWarnings(db: UskDb, batch: number, rejected: number): Promise<string[]> {
  const rows = await db.json<{ code: string; n: number; line: number | null; column_name: string | null; message: string }>(
    `SELECT code, count(*)::INT AS n, min(line) AS line, arg_min(column_name, coalesce(line, 0)) AS column_name, arg_min(message, coalesce(line, 0)) AS message
     FROM batch_warning WHERE batch_id = $batch GROUP BY code ORDER BY min(line) NULLS FIRST`,
    { batch },
  );
  const lines = rows.map((r) => {
    const at = [r.line !== null ? `linje ${r.line}` : '', r.column_name ? `«${r.column_name}»` : ''].filter(Boolean).join(', ');
    // The messages of one code name different values, so the first is shown as the first, not as all.
    // «advarsler», not «rader»: some are about the file (a column named twice), not a row.
    return r.n > 1 ? `${r.n} advarsler «${r.code}», den første (${at}): ${r.message}` : `${at ? `${at}: ` : ''}${r.message}`;
  });
  // Where to see them is the caller's to say (the CLI names the command, the dashboard its page).
  if (rejected > 0) lines.push(rejectedCountWarning(rejected));
  return lines;
}
