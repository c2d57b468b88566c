/**
 * The demo through the real pipeline: generate → ingestFiles (via ensureDemo) → reconcile(), and
 * every figure of the published tables (data/demo/published-figures.json) reproduced exactly,
 * with the gap between registered and invoiced explained by the day categories.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type UskDb } from '../db/open.ts';
import type { IngestResult } from '../load/result.ts';
import { bridgeSum, findings, reconcile, stays, type ReconciliationRow } from '../query/index.ts';
import { demoLoadState, ensureDemo, ensureDemoFiles } from './ensure.ts';
import { UNKNOWN_STAY_ID } from './extra-rows.ts';
import { foldToTable, loadPublishedFigures } from './published-fixture.ts';

const fixture = loadPublishedFigures();
const YEARS = fixture.years;
const OFOTEN = ['1806', '5512', '1853', '1851', '5510'];

describe('the demo reproduces the published UNN figures through the pipeline', () => {
  let dir: string;
  let db: UskDb;
  let results: IngestResult[];
  let som: ReconciliationRow[];
  let psy: ReconciliationRow[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'usk-demo-'));
    db = await openDatabase(join(dir, 'usk.duckdb'));
    const run = await ensureDemo(db, { dir: join(dir, 'demo') });
    expect(run).toMatchObject({ generated: true, ingested: true });
    results = run.results;
    som = await reconcile(db, { group: 'current', by: 'year', fagomrade: 'somatikk' });
    psy = await reconcile(db, { group: 'current', by: 'year', fagomrade: 'psykiatri' });
  });
  afterAll(() => {
    db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads every file; only the deliberate fault rows are rejected', () => {
    expect(results.filter((r) => r.status !== 'loaded')).toEqual([]);
    const rejected = Object.fromEntries(results.filter((r) => r.rowsRejected > 0).map((r) => [r.file.split('/').pop(), r.rowsRejected]));
    expect(rejected).toEqual({
      'dips-usk-2021.csv': 1, 'dips-usk-2022.csv': 2,
      'hnlis-hendelser-2021-03.csv': 3, 'hnlis-hendelser-2021-04.csv': 3, 'hnlis-hendelser-2022-03.csv': 3, 'hnlis-hendelser-2022-04.csv': 3,
      'faktura-2021.csv': 1, 'faktura-2023.csv': 1,
    });
  });

  it('hours carry no float noise (1823.2499999999998 for 1823 h 15 min): what JSON readers round is what the CSV shows', async () => {
    const months = await reconcile(db, { group: 'current', by: 'month', fagomrade: 'somatikk' });
    const perStay = await stays(db, { group: 'current', by: 'year', fagomrade: 'somatikk', kommune: '5501' });
    const noisy = [...som, ...psy, ...months].filter((r) => r.timer !== null && r.timer !== Number(r.timer.toFixed(9)));
    expect(noisy.map((r) => `${r.kommunenr} ${r.periode}: ${r.timer}`)).toEqual([]);
    // A stay's hour-based days are its rounded hours / 24.
    const noisyStays = perStay.filter((r) => r.timebasert !== null && r.timebasert !== Number((r.timebasert * 24).toFixed(9)) / 24);
    expect(noisyStays.map((r) => `${r.stay_id} ${r.periode}: ${r.timebasert}`)).toEqual([]);
  });

  it('somatikk: every row, "Andre kommuner" and the totals, 2019–2022', () => {
    const table = foldToTable(som, fixture.somatikk.rows.map((r) => r.kommunenr), YEARS);
    for (const row of fixture.somatikk.rows) expect(table.named.get(row.kommunenr), row.kommune).toEqual(row.registered);
    expect(table.others).toEqual(fixture.somatikk.others.registered);
    expect(table.total).toEqual(fixture.somatikk.total.registered);
    expect(table.total).toEqual([9302, 9189, 14220, 16017]);
  });

  it('somatikk: invoiced 2022 per row, "Andre kommuner" and total (11 079)', () => {
    const inv = som.filter((r) => r.periode === '2022');
    const named = new Set(fixture.somatikk.rows.map((r) => r.kommunenr));
    for (const row of fixture.somatikk.rows) {
      expect(inv.filter((r) => r.kommunenr === row.kommunenr).reduce((s, r) => s + r.fakturert, 0), row.kommune).toBe(row.invoiced2022);
    }
    expect(inv.filter((r) => !named.has(r.kommunenr)).reduce((s, r) => s + r.fakturert, 0)).toBe(fixture.somatikk.others.invoiced2022);
    expect(inv.reduce((s, r) => s + r.fakturert, 0)).toBe(fixture.somatikk.total.invoiced2022);
  });

  it('somatikk 2023: Tromsø 6 579, Harstad 3 338, Narvik 966', () => {
    for (const row of fixture.somatikk2023) {
      expect(som.find((r) => r.kommunenr === row.kommunenr && r.periode === '2023')?.registrert, row.kommune).toBe(row.registered);
    }
  });

  it('psykiatri: every row, "Andre kommuner" and computed totals (not the published ones with the year added)', () => {
    const table = foldToTable(psy, fixture.psykiatri.rows.map((r) => r.kommunenr), YEARS);
    for (const row of fixture.psykiatri.rows) expect(table.named.get(row.kommunenr), row.kommune).toEqual(row.registered);
    expect(table.others).toEqual(fixture.psykiatri.others.registered);
    expect(table.total).toEqual([3023, 2457, 3036, 3066]);
    expect(table.total).toEqual(fixture.psykiatri.total.registered);
    expect(fixture.psykiatri.publishedTotalsWithError.map((t, i) => t - (table.total[i] ?? 0))).toEqual([...YEARS]);
  });

  it('"as registered", psychiatry 2019 shows 1931 Lenvik = 112 on its own row', async () => {
    const rows = await reconcile(db, { group: 'registered', by: 'year', fagomrade: 'psykiatri', from: '2019-01', to: '2019-12' });
    const lenvik = rows.filter((r) => r.kommunenr === fixture.psykiatriAsRegistered2019.kommunenr);
    expect(lenvik.reduce((s, r) => s + r.registrert, 0)).toBe(fixture.psykiatriAsRegistered2019.registered);
    expect(lenvik[0]?.kommune).toMatch(/Lenvik/);
  });

  it('payable days are within ±2 % (or ±3 days) of invoiced for every municipality-year', () => {
    // Not 2025: only its first days, up to the last extract, partly of stays not invoiced yet.
    for (const r of [...som, ...psy].filter((x) => x.periode <= '2024')) {
      expect(Math.abs(r.betalbar - r.fakturert), `${r.kommunenr} ${r.fagomrade} ${r.periode}`).toBeLessThanOrEqual(Math.max(3, 0.02 * r.fakturert));
    }
  });

  it('the gap is the categories: bridge exact; Ofoten/Sør-Troms lose days to the gates, Tromsø to first days', () => {
    for (const r of [...som, ...psy]) {
      expect(bridgeSum(r)).toBe(r.registrert);
    }
    const sum = (rows: ReconciliationRow[], f: (r: ReconciliationRow) => number) => rows.reduce((s, r) => s + f(r), 0);
    const ofoten = som.filter((r) => OFOTEN.includes(r.kommunenr) && r.periode === '2022');
    expect(sum(ofoten, (r) => r.ikke_varslet + r.kommune_klar)).toBeGreaterThan(2 * sum(ofoten, (r) => r.forste_dogn));
    const tromso = som.filter((r) => r.kommunenr === '5501');
    expect(sum(tromso, (r) => r.forste_dogn)).toBeGreaterThan(2 * sum(tromso, (r) => r.ikke_varslet + r.kommune_klar));
  });

  it('the deliberate faults show up: avvik_dips, a stay without HN-LIS events, an unknown stay', async () => {
    expect(som.filter((r) => r.avvik_dips !== 0).length).toBeGreaterThanOrEqual(3);
    expect(som.find((r) => r.kommunenr === '5501' && r.periode === '2022')?.uten_tidspunkt).toBeGreaterThan(0);
    const march = await stays(db, { kommune: '5501', fagomrade: 'somatikk', from: '2023-03', to: '2023-03', by: 'period' });
    expect(march.find((s) => s.stay_id === UNKNOWN_STAY_ID)?.status).toBe('ukjent-opphold');
  });

  it('every loaded fault shows up as a finding on its stay (the data-quality view)', async () => {
    const all = await findings(db, {});
    const manifest = ensureDemoFiles(join(dir, 'demo')).manifest;
    const visible = ['kun-i-dips', 'avvik-dips+1', 'avvik-dips-1', 'null-lengde', 'ukjent-opphold', 'feil-dognpris', 'belop-avviker'];
    const faults = manifest.faults.filter((f) => visible.includes(f.code));
    expect(faults.length).toBe(1 + 3 + 2 + 1 + 1 + 3 + 1);
    for (const f of faults) expect(all.some((x) => x.stay_id === f.stayId), `${f.code} ${f.stayId}`).toBe(true);
    // A warning from the load is listed with the stay and month of the row it is about, and names its column.
    const recoded = all.filter((x) => x.code === 'kommunenr-utenfor-gyldighet');
    expect(recoded.length).toBeGreaterThan(0);
    for (const w of recoded.slice(0, 50)) {
      expect(w.stay_id, w.message).not.toBeNull();
      expect(w.message).toMatch(/, linje \d+, «[^»]+»: Kommunenr \d{4}/);
      expect(w.message, w.periode ?? '').toContain(`gyldig i ${w.periode?.slice(0, 4)}`);
    }
  });

  it('two stays are still in hospital at the last extract (pågående), not yet invoiced', async () => {
    const manifest = ensureDemoFiles(join(dir, 'demo')).manifest;
    const open = manifest.faults.filter((f) => f.code === 'pagaende').map((f) => f.stayId);
    expect(open).toHaveLength(2);
    const dec = await stays(db, { kommune: '5501', fagomrade: 'somatikk', from: '2024-12', to: '2025-01', by: 'period' });
    for (const id of open) expect(dec.find((s) => s.stay_id === id), String(id)).toMatchObject({ pagaende: true, fakturert: 0 });
  });

  it('ensureDemo leaves a database that already has data alone; only this demo counts as "demo"', async () => {
    expect(await ensureDemo(db, { dir: join(dir, 'demo') })).toEqual({ generated: false, ingested: false, results: [] });
    expect(await demoLoadState(db, ensureDemoFiles(join(dir, 'demo')).manifest)).toBe('demo');
    expect(await demoLoadState(db)).toBe('other');
  });
});
