import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { openDatabase } from '../db/open.ts';
import { ingestFiles } from '../load/ingest.ts';
import { DIPS_HEADER, FNR, tempDir, writeUtf8 } from '../load/fixtures.ts';

const USK = resolve(import.meta.dirname, '../../bin/usk.js');
const usk = (args: string[]) => spawnSync(process.execPath, [USK, ...args], { encoding: 'utf8', timeout: 60_000 });

describe('usk findings (the command as a user runs it)', () => {
  it('lists what Datakvalitet lists, filtered, as lines or JSON; refreshes the derived tables first; a bad argument is status 2', async () => {
    const dir = tempDir();
    const path = join(dir, 'usk.duckdb');
    const report = (name: string, printed: string, rows: string[]) => writeUtf8(dir, name, [`Utskriftsdato: ${printed}`, DIPS_HEADER, ...rows]);
    const row = (stay: number, fnr: string, ready: string, out: string, days: number) => `${stay};${fnr};0301;Oslo;Somatikk;A;${ready};${ready};${out};${days}`;
    const db = await openDatabase(path);
    try {
      // Not refreshed: the command must derive before it lists.
      await ingestFiles(db, [report('jan.csv', '05.01.2024', [
        row(7001, FNR[0], '10.12.2023', '15.12.2023', 6), row(7002, FNR[1], '18.12.2023', '20.12.2023', 3), row(7004, FNR[3], '28.12.2023', '30.12.2023', 3),
      ])], { refresh: false });
      await ingestFiles(db, [report('feb.csv', '05.02.2024', [
        row(7001, FNR[0], '10.12.2023', '15.12.2023', 6), row(7004, FNR[3], '28.12.2023', '30.12.2023', 3), row(7005, FNR[2], '05.01.2024', '10.01.2024', 9),
      ])], { refresh: false });
    } finally {
      db.close();
    }

    const text = usk(['findings', '--db', path, '--code', 'dips-mangler-i-nyere']);
    expect([text.status, text.stdout]).toEqual([0,
      'advarsel [dips-mangler-i-nyere] 2023-12 · 0301 · opphold 7002: DIPS-raden med Utskrivningsklar 18.12.2023 (3 døgn, batch 1) er ikke med i en nyere '
        + 'DIPS-rapport (batch 2) som har rader både før og etter den og ellers gjentar rader fra batch 1: er den slettet eller rettet i DIPS? Døgnene telles fortsatt\n']);

    const json = usk(['findings', '--db', path, '--from', '2024-01', '--json']);
    expect(json.status).toBe(0);
    const listed = JSON.parse(json.stdout) as Array<{ code: string; stay_id: string | null; periode: string | null }>;
    expect(listed.map((f) => [f.code, f.stay_id, f.periode])).toEqual([['dips-dogn-over-datoene', '7005', '2024-01'], ['kun-i-dips', '7005', '2024-01']]);

    expect(usk(['findings', '--db', path, '--kommune', '9999', '--code', 'dips-avvik']).stdout).toBe('Ingen funn.\n');
    // A mistyped code is an error naming the codes, not an empty list.
    const typo = usk(['findings', '--db', path, '--code', 'dips-avvk']);
    expect([typo.status, typo.stdout]).toEqual([2, '']);
    expect(typo.stderr).toMatch(/^usk: ugyldig argument: --code: forventet en av kodene [a-z-]+(, [a-z-]+)+/);
    expect(typo.stderr).toContain('dips-avvik, ');
    const bad = usk(['findings', '--db', path, '--from', '2024-13']);
    expect([bad.status, bad.stderr.split('\n')[0]]).toEqual([2, 'usk: ugyldig argument: --from: forventet ÅÅÅÅ-MM (år 1900–2199)']);
    // usk ingest points to the command after a load.
    const mar = usk(['ingest', '--db', path, report('mar.csv', '05.03.2024', [row(7005, FNR[2], '05.01.2024', '10.01.2024', 9)])]);
    expect(mar.status).toBe(0);
    expect(mar.stdout).toMatch(/^Datakvalitet: \d+ funn om opphold og fakturaer i databasen, de alvorligste først: usk findings --db \S+usk\.duckdb$/m);
    // No fødselsnummer of the files in anything the command wrote.
    for (const out of [text.stdout, json.stdout, bad.stderr, mar.stdout, mar.stderr]) for (const fnr of FNR) expect(out).not.toContain(fnr);
  }, 120_000);
});
