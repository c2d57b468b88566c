import type { UskDb } from '../db/open.ts';
import type { Profile } from '../profiles/index.ts';
import type { ReadExport } from '../read/index.ts';
import { headerAsWritten } from '../read/header.ts';
import { datesOverlapSql } from '../derive/overlap.ts';
import { otherBatchLoaded } from './targets.ts';

/**
 * A DIPS row keys on Oppholds-ID + Utskrivningsklar (exports.md), so a newer export that corrects a
 * stay's Utskrivningsklar does not replace the older row: both stay current and both count. The
 * derive step says so on Datakvalitet (derive/findings.ts, `dips-overlapp`); this says it when the
 * file is loaded, to the person who can still check DIPS: each row of the file whose counted dates
 * overlap those of a current row of the same stay from an earlier file (the finding's rule,
 * derive/overlap.ts) gets the warning, naming the other row and its batch. Rows of one file are not
 * compared with each other here: a stay's periods in one export are DIPS' own account of it, and
 * the finding covers them after the load.
 */
export async function dipsOverlapWarnings(db: UskDb, read: ReadExport, p: Profile, batch: number): Promise<void> {
  if (p.kind !== 'periods') return;
  if (!(await otherBatchLoaded(db, p.kind, batch))) return;
  await db.run(
    `INSERT INTO batch_warning
     SELECT $batch, n.line, $header, 'dips-overlapp',
       'Oppholds-ID ' || n.stay_id || ': Utskrivningsklar ' || strftime(n.ready, '%d.%m.%Y') || ' (' || n.usk_days || ' døgn) dekker de samme datoene som '
       || 'raden med Utskrivningsklar ' || strftime(o.ready, '%d.%m.%Y') || ' (' || o.usk_days || ' døgn) fra batch ' || o.batch_id
       || ': er den ene en rettet utgave av den andre, telles døgnene to ganger. Sjekk i DIPS'
     FROM src_period n JOIN src_period_current o ON o.stay_id = n.stay_id AND o.ready <> n.ready AND o.batch_id <> $batch
     WHERE n.batch_id = $batch
       AND (CASE WHEN o.ready < n.ready THEN ${datesOverlapSql({ ready: 'o.ready', days: 'o.usk_days' }, 'n.ready')}
                 ELSE ${datesOverlapSql({ ready: 'n.ready', days: 'n.usk_days' }, 'o.ready')} END)
     QUALIFY row_number() OVER (PARTITION BY n.line ORDER BY o.ready, o.batch_id) = 1`,
    { batch, header: headerAsWritten(read.header, 'ready') },
  );
}
