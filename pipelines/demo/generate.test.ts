/**
 * The generator on its own: same bytes every run, the formats of exports.md with their mess, and
 * its model summing to the published figures (the pipeline test, published.test.ts, checks the
 * same through ingestion and reconciliation).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tallyKey, tallyModel, type Tally } from './check.ts';
import { DEFAULT_DEMO_DIR } from './ensure.ts';
import { buildDemoModel, generateDemo, type DemoModel } from './generate.ts';
import type { Manifest } from './manifest.ts';
import { loadKommuneRef } from './kommuner.ts';
import { loadPublishedFigures } from './published-fixture.ts';

const fixture = loadPublishedFigures();
const ref = loadKommuneRef();

describe('demo generator', () => {
  let dir: string;
  let manifest: Manifest;
  let model: DemoModel;
  let tallies: Map<string, Tally>;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'usk-demo-gen-'));
    manifest = generateDemo(join(dir, 'a'));
    model = buildDemoModel(ref);
    tallies = tallyModel(model);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string) => readFileSync(join(dir, 'a', name));

  it('writes the same bytes on every run', () => {
    const again = generateDemo(join(dir, 'b'));
    expect(again.files).toEqual(manifest.files);
    expect(manifest.files.length).toBe(6 + 73 + 7); // DIPS per year, HN-LIS per month up to the last extract (January 2025), invoices per year
  });

  it('dips-usk: Windows-1252, preamble, header, and a Sum row equal to the rows', () => {
    const bytes = file('dips-usk-2022.csv');
    expect(bytes.includes(0x96)).toBe(true); // en dash: cp1252, not latin-1
    expect(bytes.includes(Buffer.from('ø', 'utf8'))).toBe(false);
    const lines = new TextDecoder('windows-1252').decode(bytes).split('\r\n');
    expect(lines[1]).toBe('Utskriftsdato: 05.01.2023');
    expect(lines[4]).toBe('Oppholds-ID;Fødselsnummer;Kommunenr;Kommune;Fagområde;Avdeling;Innlagt;Utskrivningsklar;Utskrevet;USK-døgn');
    const rows = lines.slice(5).filter((l) => l !== '');
    const sum = rows.pop() ?? '';
    const days = rows.reduce((s, l) => s + Number(l.split(';').pop()), 0);
    expect(sum).toBe(`Sum;;;;;;;;;${days}`);
    expect(rows.some((l) => l.includes('"Medisinsk klinikk; Geriatri"'))).toBe(true);
  });

  it('hnlis-hendelser: each monthly extract repeats the previous month, with its Uttrekk', () => {
    const read = (m: string) => file(`hnlis-hendelser-${m}.csv`).toString('utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const feb = read('2022-02');
    const mar = read('2022-03');
    expect(new Set(mar.map((c) => c[6]))).toEqual(new Set(['2022-04-01T06:00:00']));
    const key = (c: string[]) => c.slice(0, 6).join(',');
    const marKeys = new Set(mar.map(key));
    const febEvents = feb.filter((c) => c[5]?.startsWith('2022-02'));
    expect(febEvents.length).toBeGreaterThan(1000);
    expect(febEvents.every((c) => marKeys.has(key(c)))).toBe(true);
  });

  it('faktura: BOM, decimal comma, "kr" amounts with no-break spaces, credit lines', () => {
    const text = file('faktura-2022.csv').toString('utf8');
    expect(text.startsWith('\uFEFFFakturanr;')).toBe(true);
    expect(text).toMatch(/;5\u00A0306,00;kr 10\u00A0612,00;Faktura\r\n/);
    expect(text).toMatch(/;-1;5\u00A0306,00;kr -5\u00A0306,00;Kreditnota/);
  });

  it('its model sums to the published registered days and invoiced 2022', () => {
    const get = (nr: string, group: 'somatikk' | 'psykiatri', year: number) => tallies.get(tallyKey(nr, group, year)) ?? { registered: 0, payable: 0, invoiced: 0 };
    for (const row of fixture.somatikk.rows) {
      expect(fixture.years.map((y) => get(row.kommunenr, 'somatikk', y).registered), row.kommune).toEqual(row.registered);
      expect(get(row.kommunenr, 'somatikk', 2022).invoiced, row.kommune).toBe(row.invoiced2022);
    }
    for (const row of fixture.psykiatri.rows) {
      expect(fixture.years.map((y) => get(row.kommunenr, 'psykiatri', y).registered), row.kommune).toEqual(row.registered);
    }
    const total = (group: string, year: number, f: (t: Tally) => number) =>
      [...tallies].filter(([k]) => k.endsWith(`|${group}|${year}`)).reduce((s, [, t]) => s + f(t), 0);
    expect(fixture.years.map((y) => total('somatikk', y, (t) => t.registered))).toEqual(fixture.somatikk.total.registered);
    expect(fixture.years.map((y) => total('psykiatri', y, (t) => t.registered))).toEqual(fixture.psykiatri.total.registered);
    expect(total('somatikk', 2022, (t) => t.invoiced)).toBe(fixture.somatikk.total.invoiced2022);
  });

  it('payable days (its own classification) are within ±2 % or ±3 days of invoiced, every municipality-year', () => {
    // 2025 holds only the days up to the last extract (5 January), some of them of stays still in
    // hospital and not invoiced yet: not a year to hold to its invoices.
    for (const [key, t] of tallies) {
      if (key.endsWith('|2025')) continue;
      expect(Math.abs(t.payable - t.invoiced), key).toBeLessThanOrEqual(Math.max(3, 0.02 * t.invoiced));
    }
  });

  it('numbers are those valid in the stay\'s year, except the deliberate faults', () => {
    const allowed = new Set(model.faults.filter((f) => f.code === 'kommunenr-utenfor-gyldighet').map((f) => f.stayId));
    for (const s of model.stays) {
      const year = new Date((s.periods[0]?.times.ready.day ?? 0) * 86_400_000).getUTCFullYear();
      if (!allowed.has(s.id)) expect(ref.valid(s.nr, year), `${s.id} ${s.nr} ${year}`).toBe(true);
    }
  });

  it('the README documents every fault and the spreadsheet error in the psychiatry totals', () => {
    const readme = readFileSync(resolve(DEFAULT_DEMO_DIR, 'README.md'), 'utf8');
    for (const code of new Set(manifest.faults.map((f) => f.code))) expect(readme, code).toContain(code);
    const named = manifest.faults.filter((f) => !f.code.startsWith('kredit') && f.stayId !== null);
    for (const f of named) expect(readme, `${f.code} ${f.stayId}`).toContain(f.stayId ?? '');
    for (const total of ['5 042', '4 477', '5 057', '5 088']) expect(readme).toContain(total);
    expect(readdirSync(DEFAULT_DEMO_DIR)).toContain('published-figures.json');
  });
});
