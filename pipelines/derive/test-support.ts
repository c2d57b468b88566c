/**
 * Test helpers: source rows written straight into src_period / src_event / src_invoice, one batch
 * per call, the way ingestion would leave them (at_utc with the "compatible" rule, in SQL).
 * Not a test file itself; imported by the tests of derive/, query/ and export/.
 */
import type { EventCode } from '../profiles/values.ts';
import type { UskDb } from '../db/open.ts';
import { ensureDerivedSchema, refreshDerived } from './index.ts';

export interface TestEvent {
  stay: string;
  code: EventCode;
  at: string; // local 'YYYY-MM-DD HH:MM[:SS]'
  kommunenr?: string;
  fagomrade?: string;
}
export interface TestPeriod {
  stay: string;
  ready: string; // local 'YYYY-MM-DD[ HH:MM]'
  discharged?: string | null;
  uskDays: number;
  kommunenr?: string;
  fagomrade?: string;
  patient?: string;
}
export interface TestInvoice {
  invoiceNo: string;
  stay?: string | null;
  kommunenr?: string;
  fagomrade?: string;
  from: string; // 'YYYY-MM-DD'
  to: string;
  days: number;
  /** Default: from the sign of days. */
  lineType?: 'faktura' | 'kreditnota';
  rate?: number | null;
  amount: number;
  invoiceDate?: string;
}

const lit = (v: string | number | boolean | null | undefined): string =>
  v === null || v === undefined ? 'NULL' : typeof v === 'string' ? `'${v.replaceAll("'", "''")}'` : String(v);

let sha = 0;
async function newBatch(db: UskDb, kind: string, profile: string, rows: number, asOf?: string): Promise<number> {
  await ensureDerivedSchema(db); // for the usk_oslo_instant macro
  const [row] = await db.all<{ id: number }>(`SELECT (coalesce(max(batch_id), 0) + 1)::INTEGER AS id FROM batch`);
  const id = row!.id;
  await db.run(`INSERT INTO batch VALUES (${id}, 'test-${id}.csv', 'sha-${id}-${++sha}-${Date.now()}', '${profile}',
    '${kind}', 'utf-8', ';', 1, ${rows}, ${rows}, 0, ${asOf ? `TIMESTAMP ${lit(asOf)}` : 'NULL'}, current_timestamp, 'archive/x')`);
  return id;
}

/** One HN-LIS extract (batch) with the given events; asOf is the extract's Uttrekk. */
export async function insertEvents(db: UskDb, events: TestEvent[], asOf?: string): Promise<number> {
  const latest = events.map((e) => e.at).sort().at(-1);
  const batch = await newBatch(db, 'events', 'hnlis-hendelser', events.length, asOf ?? latest);
  if (events.length === 0) return batch;
  const values = events.map((e, i) =>
    `(${batch}, ${i + 2}, ${lit(e.stay)}, ${lit(e.kommunenr ?? '5501')}, ${lit(e.fagomrade ?? 'somatikk')}, ${lit(e.code)}, TIMESTAMP ${lit(e.at)})`);
  await db.run(`INSERT INTO src_event
    SELECT b, l, s, k, f, c, ts, usk_oslo_instant(ts), ${asOf ? `TIMESTAMP ${lit(asOf)}` : `TIMESTAMP ${lit(latest ?? null)}`}
    FROM (VALUES ${values.join(', ')}) v(b, l, s, k, f, c, ts)`);
  return batch;
}

/** One DIPS report (batch) with the given rows; asOf is its Utskriftsdato. */
export async function insertPeriods(db: UskDb, periods: TestPeriod[], asOf?: string): Promise<number> {
  const batch = await newBatch(db, 'periods', 'dips-usk', periods.length, asOf);
  if (periods.length === 0) return batch;
  const values = periods.map((p, i) => `(${batch}, ${i + 2}, ${lit(p.stay)}, ${lit(p.patient ?? `pseudo-${p.stay}`)},
    ${lit(p.kommunenr ?? '5501')}, NULL, ${lit(p.fagomrade ?? 'somatikk')}, NULL, NULL, TIMESTAMP ${lit(p.ready)},
    ${p.ready.length > 10}, ${p.discharged ? `TIMESTAMP ${lit(p.discharged)}` : 'NULL'},
    ${p.discharged ? p.discharged.length > 10 : 'NULL'}, ${p.uskDays})`);
  await db.run(`INSERT INTO src_period VALUES ${values.join(', ')}`);
  return batch;
}

export async function insertInvoices(db: UskDb, lines: TestInvoice[]): Promise<number> {
  const batch = await newBatch(db, 'invoices', 'faktura', lines.length);
  if (lines.length === 0) return batch;
  const values = lines.map((l, i) => `(${batch}, ${i + 2}, ${lit(l.invoiceNo)}, DATE ${lit(l.invoiceDate ?? l.to)},
    ${lit(l.kommunenr ?? '5501')}, NULL, ${lit(l.stay ?? null)}, ${lit(l.fagomrade ?? 'somatikk')}, DATE ${lit(l.from)},
    DATE ${lit(l.to)}, ${l.days}, ${lit(l.rate ?? null)}, ${l.amount}, ${lit(l.lineType ?? (l.days < 0 ? 'kreditnota' : 'faktura'))})`);
  await db.run(`INSERT INTO src_invoice VALUES ${values.join(', ')}`);
  return batch;
}

/** Inserts and refreshes, the way one ingest of each source would. */
export async function loadSources(db: UskDb, src: { events?: TestEvent[]; asOf?: string; periods?: TestPeriod[]; invoices?: TestInvoice[] }): Promise<void> {
  if (src.events) await insertEvents(db, src.events, src.asOf);
  if (src.periods) await insertPeriods(db, src.periods);
  if (src.invoices) await insertInvoices(db, src.invoices);
  await refreshDerived(db);
}
