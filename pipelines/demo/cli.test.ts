/**
 * The commands as a user runs them: `usk demo` generates and loads, `usk export reconciliation`
 * gives the published figures (registered by current municipality and year, invoiced 2022, and
 * Lenvik "as registered"), and a second `usk demo` loads nothing twice.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReconciliationRow } from '../query/index.ts';
import { jsonExport } from '../export/json.ts';
import { foldToTable, loadPublishedFigures } from './published-fixture.ts';

const USK = resolve(import.meta.dirname, '../../bin/usk.js');
const fixture = loadPublishedFigures();

describe('usk demo and usk export reconciliation', () => {
  let dir: string;
  const db = () => join(dir, 'usk.duckdb');
  const usk = (...args: string[]) => spawnSync(process.execPath, [USK, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const exportRows = (...args: string[]): ReconciliationRow[] =>
    jsonExport(ReconciliationRow).parse(JSON.parse(execFileSync(process.execPath, [USK, 'export', 'reconciliation', '--db', db(), '--format', 'json', ...args],
      { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'ignore'] }))).rows;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'usk-demo-cli-'));
    const run = usk('demo', '--db', db(), '--out', join(dir, 'demo'));
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.match(/^✓ /gm)?.length).toBe(86);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('somatikk: registered 2019–2022 and invoiced 2022, as published', () => {
    const rows = exportRows('--group', 'current', '--by', 'year', '--fagomrade', 'somatikk');
    const table = foldToTable(rows, fixture.somatikk.rows.map((r) => r.kommunenr), fixture.years);
    for (const row of fixture.somatikk.rows) {
      expect(table.named.get(row.kommunenr), row.kommune).toEqual(row.registered);
      expect(rows.filter((r) => r.kommunenr === row.kommunenr && r.periode === '2022').reduce((s, r) => s + r.fakturert, 0)).toBe(row.invoiced2022);
    }
    expect(table.others).toEqual(fixture.somatikk.others.registered);
    expect(table.total).toEqual(fixture.somatikk.total.registered);
    expect(rows.filter((r) => r.periode === '2022').reduce((s, r) => s + r.fakturert, 0)).toBe(fixture.somatikk.total.invoiced2022);
  });

  it('psykiatri: registered 2019–2022 as published, with computed totals; Lenvik as registered', () => {
    const rows = exportRows('--group', 'current', '--by', 'year', '--fagomrade', 'psykiatri');
    const table = foldToTable(rows, fixture.psykiatri.rows.map((r) => r.kommunenr), fixture.years);
    for (const row of fixture.psykiatri.rows) expect(table.named.get(row.kommunenr), row.kommune).toEqual(row.registered);
    expect(table.others).toEqual(fixture.psykiatri.others.registered);
    expect(table.total).toEqual(fixture.psykiatri.total.registered);
    const registered = exportRows('--group', 'registered', '--by', 'year', '--fagomrade', 'psykiatri', '--from', '2019-01', '--to', '2019-12');
    expect(registered.filter((r) => r.kommunenr === '1931').reduce((s, r) => s + r.registrert, 0)).toBe(fixture.psykiatriAsRegistered2019.registered);
  });

  it('a second usk demo recognises every file and loads nothing', () => {
    const run = usk('demo', '--db', db(), '--out', join(dir, 'demo'));
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/Uendret: 86 demofiler/);
    expect(run.stderr).toMatch(/86 filer var allerede lastet/);
  });
});
