/** What the dashboard needs to build its pickers: periods, municipalities, care areas, as-of. */
import type { UskDb } from '../../pipelines/db/open.ts';

export interface KommuneMeta {
  kommunenr: string; // current (2024) number
  navn: string;
  historiske: { kommunenr: string; navn: string; valid_from: number | null; valid_to: number | null }[];
}

export interface Meta {
  months: string[];
  kommuner: KommuneMeta[];
  fagomrader: string[];
  dataAsOf: { source: string; profile: string; asOf: string | null; loadedAt: string }[];
}

export async function readMeta(db: UskDb): Promise<Meta> {
  const months = await db.json<{ m: string }>(`
    SELECT DISTINCT m FROM (
      SELECT strftime(ready, '%Y-%m') AS m FROM src_period_current
      UNION ALL SELECT strftime(at_local, '%Y-%m') FROM src_event_current
      UNION ALL SELECT strftime(from_date, '%Y-%m') FROM src_invoice_current) ORDER BY m`);
  // Municipalities with data, under today's number, with every number they were registered under.
  const kommuner = await db.json<{ kommunenr: string; navn: string; historiske: string }>(`
    WITH used AS (
      SELECT kommunenr FROM src_period_current UNION SELECT kommunenr FROM src_event_current
      UNION SELECT kommunenr FROM src_invoice_current)
    SELECT k.current_nr AS kommunenr, any_value(k.current_navn) AS navn,
      to_json(list(DISTINCT {kommunenr: h.kommunenr, navn: h.navn, valid_from: h.valid_from, valid_to: h.valid_to}
                   ORDER BY {kommunenr: h.kommunenr, navn: h.navn, valid_from: h.valid_from, valid_to: h.valid_to}))::VARCHAR AS historiske
    FROM used u JOIN ref_kommune k ON k.kommunenr = u.kommunenr
    JOIN ref_kommune h ON h.current_nr = k.current_nr
    GROUP BY k.current_nr ORDER BY k.current_nr`);
  const fagomrader = await db.json<{ f: string }>(`
    SELECT DISTINCT fagomrade AS f FROM (SELECT fagomrade FROM src_period_current UNION ALL SELECT fagomrade FROM src_event_current
      UNION ALL SELECT fagomrade FROM src_invoice_current) ORDER BY f`);
  const asOf = await db.json<{ source: string; profile: string; asOf: string | null; loadedAt: string }>(`
    SELECT kind AS source, arg_max(profile, batch_id) AS profile, strftime(max(as_of), '%Y-%m-%dT%H:%M:%S') AS "asOf",
      strftime(max(loaded_at), '%Y-%m-%dT%H:%M:%S%z') AS "loadedAt"
    FROM batch GROUP BY kind ORDER BY kind`);
  return {
    months: months.map((r) => r.m),
    kommuner: kommuner.map((k) => ({ kommunenr: k.kommunenr, navn: k.navn, historiske: JSON.parse(k.historiske) as KommuneMeta['historiske'] })),
    fagomrader: fagomrader.map((r) => r.f),
    dataAsOf: asOf,
  };
}
