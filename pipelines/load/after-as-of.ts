import type { UskDb } from '../db/open.ts';
import type { Profile } from '../profiles/index.ts';
import type { ReadExport } from '../read/index.ts';

/**
 * An HN-LIS event later than its extract's as-of cannot have been in that extract: the as-of is
 * wrong (a mistyped --as-of or Uttrekk) or the time is. The event loads, since its own time is
 * what periods are built from, but each such row gets a warning. Checked once per batch over the
 * loaded rows, like the validity warnings (load/validity.ts), so a clean chunk is read only once.
 */
export async function afterAsOfWarnings(db: UskDb, read: ReadExport, p: Profile, batch: number): Promise<void> {
  if (p.kind !== 'events') return;
  const idx = read.header.match.columns.get('at_local');
  await db.run(
    `INSERT INTO batch_warning
     SELECT $batch, line, $header, 'etter-uttrekket',
       'Tidspunkt ' || strftime(at_local, '%d.%m.%Y %H:%M') || ' er etter uttrekkets tidspunkt ' || strftime(as_of, '%d.%m.%Y %H:%M')
     FROM src_event WHERE batch_id = $batch AND at_local > as_of`,
    { batch, header: (idx !== undefined ? read.header.cells[idx] : undefined) ?? 'Tidspunkt' },
  );
}
