/**
 * reconcile() and stays(): registered against invoiced per municipality × period × care area, and
 * the per-stay detail behind it. reconcile() runs one SQL statement over the cube (cube-sql.ts)
 * and reads its numeric columns straight from DuckDB's vectors; every figure comes from SQL, the
 * loop below only attaches names and labels. stays() runs one statement over the stay-level
 * tables (stays-sql.ts).
 */
import type { UskDb } from '../db/open.ts';
import { ensureDerivedSchema } from '../derive/schema.ts';
import { StayRow, type ReconcileQuery, type ReconciliationRow } from './contract.ts';
import { readNumericColumns } from './columnar.ts';
import { CUBE_COLUMNS, cubeSql, FAGOMRADE_CODES } from './cube-sql.ts';
import { dataMonthSpan, rateYears, withEmptyMonths } from './every-month.ts';
import { parseQuery, type ParsedQuery } from './filters.ts';
import { periodLabelBounds, type LabelBounds } from './period-label.ts';
import { QueryInputError } from './errors.ts';
import { reconcileSql } from './stays-sql.ts';
import { resolveRules } from './rules.ts';

interface KommuneNames { navn: Map<string, string>; current: Map<string, string>; currentNavn: Map<string, string> }
const namesCache = new WeakMap<UskDb, KommuneNames>();

/** Municipality names by number (reference data is fixed for the life of an open database). */
async function kommuneNames(db: UskDb): Promise<KommuneNames> {
  const cached = namesCache.get(db);
  if (cached) return cached;
  const rows = await db.all<{ kommunenr: string; navn: string; current_nr: string; current_navn: string }>(
    `SELECT kommunenr, navn, current_nr, current_navn FROM ref_kommune`);
  const names: KommuneNames = { navn: new Map(), current: new Map(), currentNavn: new Map() };
  for (const r of rows) {
    names.navn.set(r.kommunenr, r.navn);
    names.current.set(r.kommunenr, r.current_nr);
    names.currentNavn.set(r.current_nr, r.current_navn);
  }
  namesCache.set(db, names);
  return names;
}

/**
 * A municipality number that never existed (a typo: 5806 for 1806 Narvik) would give an empty
 * result that reads as "no days"; it is the caller's error instead. A number that existed and has
 * no data is a real zero.
 */
export async function requireKnownKommune(db: UskDb, q: ParsedQuery): Promise<void> {
  if (q.kommune && !(await kommuneNames(db)).navn.has(q.kommune)) {
    throw new QueryInputError(`kommunenummer ${q.kommune} finnes ikke i kommunelisten (data/reference/): forventet et nummer som er eller har vært i bruk, f.eks. 5501 for Tromsø`);
  }
}

const ym = (code: number) => `${Math.floor(code / 100)}-${String(code % 100).padStart(2, '0')}`;

function periodeLabel(q: ParsedQuery, bounds: LabelBounds, code: number, dataMin: number, dataMax: number): string {
  if (q.by === 'month') return ym(code);
  if (q.by === 'year') return String(code);
  return `${bounds.from ?? ym(dataMin)}–${bounds.to ?? ym(dataMax)}`;
}

export interface ReconcileOptions {
  /** One municipality by month: a row of zeros for each month without one (every-month.ts). */
  everyMonth?: boolean;
}

export async function reconcile(db: UskDb, input: ReconcileQuery, options: ReconcileOptions = {}): Promise<ReconciliationRow[]> {
  await ensureDerivedSchema(db);
  const q = parseQuery(input);
  await requireKnownKommune(db, q);
  const { params } = await resolveRules(db, q);
  const { sql, params: p } = cubeSql(params, q);
  // One statement at a time on a connection (no Promise.all over the same db).
  const names = await kommuneNames(db);
  const { rowCount, values: v, present } = await readNumericColumns(db, sql, p, CUBE_COLUMNS);
  const bounds = await periodLabelBounds(db, q);
  let dataMin = Infinity;
  let dataMax = -Infinity;
  for (let i = 0; i < rowCount; i++) {
    dataMin = Math.min(dataMin, v.periode_min[i]!);
    dataMax = Math.max(dataMax, v.periode_max[i]!);
  }
  const nameOf = q.group === 'current' ? names.currentNavn : names.navn;
  const rows: ReconciliationRow[] = new Array(rowCount);
  for (let i = 0; i < rowCount; i++) {
    const kommunenr = String(v.kommune_code[i]).padStart(4, '0');
    rows[i] = {
      kommunenr,
      kommune: nameOf.get(kommunenr) ?? kommunenr,
      fagomrade: q.fagomrade ?? FAGOMRADE_CODES[v.fagomrade_code[i]!] ?? 'ukjent',
      periode: periodeLabel(q, bounds, v.periode_code[i]!, dataMin, dataMax),
      registrert: v.registrert[i]!,
      avvik_dips: v.avvik_dips[i]!,
      uten_tidspunkt: v.uten_tidspunkt[i]!,
      ikke_betalingsplikt: v.ikke_betalingsplikt[i]!,
      ikke_varslet: v.ikke_varslet[i]!,
      kommune_klar: v.kommune_klar[i]!,
      forste_dogn: v.forste_dogn[i]!,
      under_terskel: v.under_terskel[i]!,
      betalbar: v.betalbar[i]!,
      timebasert: v.timebasert[i]!,
      timer: v.timer[i]!,
      fakturert: v.fakturert[i]!,
      differanse: v.differanse[i]!,
      belop: v.belop[i]!,
      forventet_belop: present.forventet_belop && !present.forventet_belop[i] ? null : v.forventet_belop[i]!,
    };
  }
  if (!options.everyMonth || q.by !== 'month' || !q.kommune) return rows;
  const kommunenr = q.group === 'current' ? (names.current.get(q.kommune) ?? q.kommune) : q.kommune;
  const span = await dataMonthSpan(db);
  return withEmptyMonths(rows, q, span, { kommunenr, kommune: nameOf.get(kommunenr) ?? kommunenr, fagomrade: q.fagomrade ?? 'alle' }, await rateYears(db));
}

/** `limit`: at most this many rows, the first in the result's order (municipality, care area, period, stay). */
export async function stays(db: UskDb, input: ReconcileQuery, options: { limit?: number } = {}): Promise<StayRow[]> {
  await ensureDerivedSchema(db);
  const q = parseQuery(input);
  await requireKnownKommune(db, q);
  const { params } = await resolveRules(db, q);
  const { sql, params: p } = reconcileSql(params, q, 'stay', await periodLabelBounds(db, q));
  const limited = options.limit === undefined ? sql : `${sql} LIMIT ${Math.max(0, Math.trunc(options.limit))}`;
  const rows = await db.all<StayRow>(limited, p);
  return rows.map((r) => StayRow.parse(r));
}
