/**
 * The notebooks' snapshot: the query layer's results that the notebooks read, written as Arrow IPC
 * tables and JSON beside each other in one folder (`usk export snapshot --out DIR`). Every figure
 * comes from reconcile(), findings() and metadata() — the same calls the dashboard's API makes — so
 * a notebook built from a snapshot can never disagree with the dashboard on the same data.
 *
 * Files (all written in one go; `snapshot.json` names them and what produced them):
 *   avstemming-ar.arrow            by year, current municipality, every method variant × care area
 *   avstemming-maned.arrow         by month, current municipality, the default rule set × care area
 *   avstemming-ar-registrert.arrow by year, municipality as registered, the default rule set
 *   funn.json                      data-quality findings counted per code, severity, month, municipality
 *   avviste.json                   rows not loaded, counted per month they concern and file (counts
 *                                  only: rejected values never go in a snapshot)
 *   snapshot.json                  metadata, as-of, rule sets and the variants' labels, and which
 *                                  database (its id) at which data version it was taken from
 *
 * collectSnapshot() computes the files in memory (the server sends them to `usk export snapshot`
 * and `npm run notebooks` when it owns the database); writeSnapshotFiles() puts them in a folder.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Float64, Table, tableToIPC, Utf8, vectorFromArray, type Vector } from 'apache-arrow';
import { z } from 'zod';
import { DEFAULT_MIN_HOURS } from './min-hours.ts';
import type { UskDb } from '../db/open.ts';
import { ensureDerivedFresh } from '../derive/index.ts';
import {
  BRIDGE_CATEGORIES, databaseId, DEFAULT_RULE_SET, findings, metadata, reconcile, rejectedRowsByMonth, resolveRules, type FagomradeFilter, type Metadata, type ReconcileQuery,
  type ReconciliationRow, type RuleParams,
} from '../query/index.ts';

export const SNAPSHOT_FORMAT = 'usk-snapshot';
/**
 * 2: every row has ikke_betalingsplikt («Før betalingsplikt»), and the categories' order changed with it.
 * 3: databaseId and dataVersion (which database, at which state, the snapshot was taken from), and
 *    avviste.json (rejected rows per month and file).
 */
export const SNAPSHOT_VERSION = 3;
export { DEFAULT_MIN_HOURS, MinHoursList } from './min-hours.ts';
/** Care-area filters written for every table ('psykiatri' = psykisk helsevern + TSB). */
const FAGOMRADER: readonly FagomradeFilter[] = ['somatikk', 'psykiatri', 'alle'];

/** One way of counting, as a reconcile() query; its rows carry the variant's id. */
export interface SnapshotVariant {
  id: string;
  /** What it is, in Norwegian (notebook headings). */
  title: string;
  query: Pick<ReconcileQuery, 'rules' | 'firstDayFree' | 'minHours'>;
}

export interface SnapshotVariantInfo extends SnapshotVariant {
  /** The rule set label every report prints (name, version, overrides). */
  label: string;
  ruleSet: string; // id@version
  params: RuleParams;
}

export function snapshotVariants(minHours: readonly number[] = DEFAULT_MIN_HOURS): SnapshotVariant[] {
  const variants: SnapshotVariant[] = [
    { id: 'dips', title: 'DIPS (alle påbegynte døgn)', query: { rules: 'dips' } },
    // Every started calendar date except the first of each USK period = the midnights it passes.
    { id: 'midnatter', title: 'Midnatter (påbegynte døgn minus det første i hver periode)', query: { rules: 'dips', firstDayFree: true } },
    { id: DEFAULT_RULE_SET, title: 'Fakturagrunnlag (UNN-praksis)', query: { rules: DEFAULT_RULE_SET } },
    ...minHours.map((h): SnapshotVariant => ({
      id: `fakturagrunnlag-min${String(h).replace('.', '_')}`,
      title: `Fakturagrunnlag, minst ${String(h).replace('.', ',')} timer per døgn`,
      query: { rules: DEFAULT_RULE_SET, minHours: h },
    })),
    { id: 'timebasert', title: 'Timebasert (time for time)', query: { rules: 'timebasert' } },
  ];
  return variants;
}

export interface SnapshotFinding {
  code: string;
  title: string; // query/finding-titles.ts
  severity: string;
  periode: string | null; // YYYY-MM, null for findings without a period
  kommunenr: string | null; // 2024 number (current municipality)
  antall: number;
}

export interface SnapshotMeta {
  format: typeof SNAPSHOT_FORMAT;
  version: typeof SNAPSHOT_VERSION;
  createdAt: string; // ISO instant
  source: string; // the database file's name (no directory)
  /** The database's own random id (db/schema.sql database_identity): the server serves only notebooks built from its own. */
  databaseId: string;
  /** The latest batch id when the snapshot was taken, as the XLSX exports' «Dataversjon (siste innleste fil)». */
  dataVersion: number;
  defaultVariant: string;
  variants: SnapshotVariantInfo[];
  fagomrader: readonly FagomradeFilter[];
  metadata: Metadata;
  files: Record<'year' | 'month' | 'yearRegistered' | 'findings' | 'rejects', string>;
  rows: Record<'year' | 'month' | 'yearRegistered', number>;
}

const NUMERIC_COLUMNS = [
  'registrert', ...BRIDGE_CATEGORIES, 'timebasert', 'timer', 'fakturert', 'differanse', 'belop',
] as const satisfies readonly (keyof ReconciliationRow)[];
const TEXT_COLUMNS = ['kommunenr', 'kommune', 'fagomrade', 'periode'] as const satisfies readonly (keyof ReconciliationRow)[];

type TaggedRow = ReconciliationRow & { variant: string };

/** Reconciliation rows as one Arrow table: text columns Utf8, figures Float64, forventet_belop nullable. */
export function reconciliationTable(rows: readonly TaggedRow[]): Table {
  const columns: Record<string, Vector<Utf8> | Vector<Float64>> = {
    variant: vectorFromArray(rows.map((r) => r.variant), new Utf8()),
  };
  for (const c of TEXT_COLUMNS) columns[c] = vectorFromArray(rows.map((r) => r[c]), new Utf8());
  for (const c of NUMERIC_COLUMNS) columns[c] = vectorFromArray(rows.map((r) => r[c]), new Float64());
  columns.forventet_belop = vectorFromArray(rows.map((r) => r.forventet_belop), new Float64());
  return new Table(columns);
}

async function rowsFor(db: UskDb, variant: SnapshotVariant, base: ReconcileQuery): Promise<TaggedRow[]> {
  const out: TaggedRow[] = [];
  for (const fagomrade of FAGOMRADER) {
    for (const r of await reconcile(db, { ...base, ...variant.query, fagomrade })) out.push({ ...r, variant: variant.id });
  }
  return out;
}

export interface SnapshotOptions {
  minHours?: readonly number[];
  /** Name of the source recorded in snapshot.json (defaults to the database file name). */
  source?: string;
}

export interface SnapshotResult {
  dir: string;
  meta: SnapshotMeta;
}

/** A snapshot in memory: snapshot.json's content and every file by name. */
export interface SnapshotFiles {
  meta: SnapshotMeta;
  files: Map<string, Uint8Array>;
}

/** The names a snapshot's files may have (checked before a snapshot from a server is written). */
export const SNAPSHOT_FILE_NAME = /^[a-z0-9][a-z0-9-]*\.(arrow|json)$/;

/**
 * The snapshot's files, computed from an open database whose derived tables are fresh (the caller
 * sees to that: writeSnapshot() locally; a server keeps them fresh after every load). Reads only.
 */
export async function collectSnapshot(db: UskDb, opts: SnapshotOptions = {}): Promise<SnapshotFiles> {
  const variants = snapshotVariants(opts.minHours);
  const infos: SnapshotVariantInfo[] = [];
  for (const v of variants) {
    const rules = await resolveRules(db, v.query);
    infos.push({ ...v, label: rules.label, ruleSet: `${rules.ruleSet.id}@${rules.ruleSet.version}`, params: rules.params });
  }
  const defaultVariant = variants.find((v) => v.id === DEFAULT_RULE_SET)!;

  const year: TaggedRow[] = [];
  for (const v of variants) year.push(...(await rowsFor(db, v, { by: 'year', group: 'current' })));
  const month = await rowsFor(db, defaultVariant, { by: 'month', group: 'current' });
  const yearRegistered = (await rowsFor(db, defaultVariant, { by: 'year', group: 'registered' }))
    .filter((r) => r.fagomrade !== 'alle');

  const meta = await metadata(db);
  const currentOf = new Map(meta.kommuner.map((k) => [k.kommunenr, k.current_nr]));
  const counts = new Map<string, SnapshotFinding>();
  for (const f of await findings(db, { limit: 100_000 })) {
    const periode = f.periode ? f.periode.slice(0, 7) : null;
    const kommunenr = f.kommunenr ? (currentOf.get(f.kommunenr) ?? f.kommunenr) : null;
    const key = JSON.stringify([f.code, f.severity, periode, kommunenr]);
    const c = counts.get(key);
    if (c) c.antall++;
    else counts.set(key, { code: f.code, title: f.title, severity: f.severity, periode, kommunenr, antall: 1 });
  }

  const names = {
    year: 'avstemming-ar.arrow',
    month: 'avstemming-maned.arrow',
    yearRegistered: 'avstemming-ar-registrert.arrow',
    findings: 'funn.json',
    rejects: 'avviste.json',
  } as const;
  const snapshot: SnapshotMeta = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    createdAt: new Date().toISOString(),
    source: opts.source ?? db.path.split(/[\\/]/).pop() ?? db.path,
    databaseId: await databaseId(db),
    dataVersion: meta.dataVersion,
    defaultVariant: defaultVariant.id,
    variants: infos,
    fagomrader: FAGOMRADER,
    metadata: meta,
    files: { ...names },
    rows: { year: year.length, month: month.length, yearRegistered: yearRegistered.length },
  };
  const text = (value: unknown, indent?: number) => new TextEncoder().encode(`${JSON.stringify(value, null, indent)}\n`);
  const files = new Map<string, Uint8Array>([
    [names.year, tableToIPC(reconciliationTable(year), 'file')],
    [names.month, tableToIPC(reconciliationTable(month), 'file')],
    [names.yearRegistered, tableToIPC(reconciliationTable(yearRegistered), 'file')],
    [names.findings, text([...counts.values()])],
    [names.rejects, text(await rejectedRowsByMonth(db))],
    ['snapshot.json', text(snapshot, 2)],
  ]);
  return { meta: snapshot, files };
}

/**
 * Writes a snapshot's files into `outDir` (created if needed). They are written to a sibling temp
 * folder first and then moved in, so a reader never sees half a snapshot.
 */
export function writeSnapshotFiles(outDir: string, files: ReadonlyMap<string, Uint8Array>): void {
  for (const name of files.keys()) if (!SNAPSHOT_FILE_NAME.test(name)) throw new Error(`ugyldig filnavn i øyeblikksbildet: «${name}»`);
  mkdirSync(outDir, { recursive: true });
  const staging = `${outDir.replace(/[\\/]+$/, '')}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    for (const [name, content] of files) writeFileSync(join(staging, name), content);
    // snapshot.json last: it names the others.
    const order = [...files.keys()].sort((a, b) => Number(a === 'snapshot.json') - Number(b === 'snapshot.json'));
    for (const name of order) renameSync(join(staging, name), join(outDir, name));
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * A snapshot over HTTP (GET /api/exports/snapshot, for `usk export snapshot` and `npm run notebooks`
 * while a server owns the database): every file by name, base64.
 */
export const SnapshotTransfer = z.object({
  format: z.literal('usk-snapshot-files'),
  files: z.record(z.string().regex(SNAPSHOT_FILE_NAME), z.string()),
});
export type SnapshotTransfer = z.infer<typeof SnapshotTransfer>;

export function toTransfer(files: ReadonlyMap<string, Uint8Array>): SnapshotTransfer {
  return { format: 'usk-snapshot-files', files: Object.fromEntries([...files].map(([name, content]) => [name, Buffer.from(content).toString('base64')])) };
}

/** What a snapshot.json must say for this version's notebooks to read it. */
const MetaCheck = z.looseObject({
  format: z.literal(SNAPSHOT_FORMAT),
  version: z.literal(SNAPSHOT_VERSION),
  databaseId: z.string().min(1),
  dataVersion: z.number().int(),
  createdAt: z.string(),
  source: z.string(),
});

/** A snapshot received from a server: its files, and its snapshot.json checked against this version's format. */
export function fromTransfer(body: unknown): SnapshotFiles {
  const transfer = SnapshotTransfer.parse(body);
  const files = new Map(Object.entries(transfer.files).map(([name, b64]) => [name, new Uint8Array(Buffer.from(b64, 'base64'))]));
  const json = files.get('snapshot.json');
  if (!json) throw new Error('øyeblikksbildet fra serveren mangler snapshot.json');
  const raw: unknown = JSON.parse(new TextDecoder().decode(json));
  const checked = MetaCheck.safeParse(raw);
  if (!checked.success) {
    const v = (raw as { version?: unknown } | null)?.version;
    throw new Error(`serveren sendte et øyeblikksbilde i et annet format (versjon ${String(v)}, denne versjonen leser ${SNAPSHOT_VERSION}): start serveren på nytt med samme versjon av USK-analyse`);
  }
  return { meta: checked.data as unknown as SnapshotMeta, files };
}

/** Brings the derived tables up to date, then computes the snapshot and writes it into `outDir`. */
export async function writeSnapshot(db: UskDb, outDir: string, opts: SnapshotOptions = {}): Promise<SnapshotResult> {
  await ensureDerivedFresh(db);
  const { meta, files } = await collectSnapshot(db, opts);
  writeSnapshotFiles(outDir, files);
  return { dir: outDir, meta };
}
