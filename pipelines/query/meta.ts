/**
 * What the data is and how fresh: as-of per source, the data version used in cache keys, and the
 * metadata a client needs to build its filters (periods, municipalities, care areas, rule sets).
 */
import type { UskDb } from '../db/open.ts';
import { ensureDerivedSchema } from '../derive/schema.ts';
import type { DataAsOf, KommuneMeta, Metadata } from './contract.ts';
import { listRuleSets } from './rules.ts';
import { rateYears } from './every-month.ts';

export async function dataAsOf(db: UskDb): Promise<DataAsOf> {
  const rows = await db.all<{ kind: string; as_of: string | null }>(`
    SELECT kind, strftime(max(coalesce(as_of, loaded_at AT TIME ZONE 'Europe/Oslo')), '%Y-%m-%dT%H:%M') AS as_of
    FROM batch WHERE rows_loaded > 0 GROUP BY kind`);
  const get = (kind: string) => rows.find((r) => r.kind === kind)?.as_of ?? null;
  return { periods: get('periods'), events: get('events'), invoices: get('invoices') };
}

/** The latest batch id: changes whenever anything is loaded (HTTP caching key). */
export async function dataVersion(db: UskDb): Promise<number> {
  const [row] = await db.all<{ v: number }>(`SELECT coalesce(max(batch_id), 0)::INTEGER AS v FROM batch`);
  return row?.v ?? 0;
}

/**
 * The database's own random id (db/schema.sql database_identity), made when the file was first
 * opened for writing. With the data version it says which database, and which state of it, a
 * snapshot was taken from.
 */
export async function databaseId(db: UskDb): Promise<string> {
  const [row] = await db.json<{ id: string }>('SELECT database_id AS id FROM database_identity LIMIT 1');
  if (!row) throw new Error(`databasen ${db.path} har ingen database-id (åpnes den bare for lesing?)`);
  return row.id;
}

/** What the derived facts hold: every registered day (by stay and month) and every invoice line. */
const FACTS = `(SELECT kommunenr, fagomrade, month FROM usk_stay_month UNION ALL SELECT kommunenr, fagomrade, month FROM usk_invoice)`;

/** The months the data have, 'YYYY-MM' in order: with any registered day or invoice line. */
export async function dataMonths(db: UskDb): Promise<string[]> {
  // Distinct months first, then formatted: formatting 1.7 million stay-months cost ~0.2 s at national scale.
  const months = await db.all<{ m: string }>(`SELECT DISTINCT strftime(month, '%Y-%m') AS m FROM (SELECT DISTINCT month FROM ${FACTS}) ORDER BY m`);
  return months.map((r) => r.m);
}

export async function metadata(db: UskDb): Promise<Metadata> {
  await ensureDerivedSchema(db);
  const monthList = await dataMonths(db);
  const kommuner = await db.all<KommuneMeta>(`
    SELECT f.kommunenr, coalesce(k.navn, f.kommunenr) AS navn, coalesce(k.current_nr, f.kommunenr) AS current_nr,
      coalesce(k.current_navn, f.kommunenr) AS current_navn, k.valid_from, k.valid_to
    FROM (SELECT DISTINCT kommunenr FROM ${FACTS}) f LEFT JOIN ref_kommune k USING (kommunenr)
    ORDER BY current_nr, f.kommunenr`);
  const fag = await db.all<{ f: string }>(`SELECT DISTINCT fagomrade AS f FROM ${FACTS} ORDER BY f`);
  return {
    months: monthList,
    years: [...new Set(monthList.map((m) => Number(m.slice(0, 4))))],
    rateYears: await rateYears(db),
    kommuner,
    fagomrader: fag.map((r) => r.f),
    ruleSets: await listRuleSets(db),
    asOf: await dataAsOf(db),
    dataVersion: await dataVersion(db),
  };
}
