import type { UskDb } from '../db/open.ts';
import type { Profile } from '../profiles/index.ts';
import type { ReadExport } from '../read/index.ts';
import { TARGETS } from './targets.ts';
import type { FileWarning } from './totals.ts';

export interface BatchToCommit {
  read: ReadExport;
  profile: Profile;
  loaded: number;
  rejected: number;
  asOf: string | null;
  archivePath: string;
  fileWarnings: readonly FileWarning[];
}

/**
 * Writes one file in one transaction: its batch row, its rows into the kind's source table, its
 * rejects (values with 11-digit runs masked) and its warnings. A kill at any point leaves the
 * database as before the file or with all of it. Returns the batch id.
 */
export async function commitBatch(db: UskDb, b: BatchToCommit): Promise<number> {
  const { read, profile: p, asOf } = b;
  const target = TARGETS[p.kind];
  return db.transaction(async () => {
      const id = (await db.json<{ id: number }>(`SELECT nextval('batch_id_seq')::INT AS id`))[0]!.id;
      await db.run(
        `INSERT INTO batch VALUES ($id, $name, $sha, $profile, $kind, $enc, $delim, $hline, $read, $loaded, $rejected, $asOf::TIMESTAMP, now(), $archive)`,
        {
          id, name: read.fileName, sha: read.sha256, profile: p.name, kind: p.kind, enc: read.encoding, delim: read.delimiter,
          hline: read.header.line, read: read.rowsRead, loaded: b.loaded, rejected: b.rejected, asOf, archive: b.archivePath,
        },
      );
      await db.run(target.insert, p.kind === 'events' ? { batch: id, asOf } : { batch: id });
      await db.run(
        `INSERT INTO reject
         SELECT $batch, line, e.column_name, regexp_replace(e.value, '\\d{11}', '***********', 'g'), e.reason
         FROM (SELECT line, unnest(errors) AS e FROM typed WHERE NOT ok)
         UNION ALL
         SELECT $batch, TRY_CAST(split_part(csv_line, $d, 1) AS INTEGER), NULL, NULL,
           CASE error_type
             WHEN 'MISSING COLUMNS' THEN 'for få kolonner: forventet ' || $n || ' (som overskriftsraden)'
             WHEN 'TOO MANY COLUMNS' THEN 'for mange kolonner: forventet ' || $n || ' (et skilletegn for mye, eller tekst som mangler anførselstegn?)'
             WHEN 'UNQUOTED VALUE' THEN 'anførselstegn på feil sted: forventet et felt som starter og slutter med "'
             ELSE 'kan ikke lese raden som CSV (' || lower(error_type) || ')' END
         FROM (SELECT any_value(csv_line) AS csv_line, arg_min(error_type, column_idx) AS error_type FROM stg_rejects GROUP BY line)`,
        { batch: id, d: read.delimiter, n: read.header.cells.length },
      );
      await db.run(
        `INSERT INTO batch_warning
         SELECT $batch, line, w.column_name, w.code, w.reason FROM (SELECT line, unnest(warns) AS w FROM typed WHERE ok AND warns IS NOT NULL)`,
        { batch: id },
      );
      for (const w of b.fileWarnings) {
        await db.run(`INSERT INTO batch_warning VALUES ($batch, $line, $col, $code, $msg)`, { batch: id, line: w.line, col: w.column, code: w.code, msg: w.message });
      }
      return id;
  });
}
