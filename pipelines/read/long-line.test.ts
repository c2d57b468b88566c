import { describe, expect, it } from 'vitest';
import { DIPS_HEADER, FNR, tempDir, writeCp1252, writeUtf8 } from '../load/fixtures.ts';
import { readExport, RefusedFileError, SAMPLE_BYTES } from './index.ts';

const ROW = `N1;${FNR[0]};5401;Tromsø;Somatikk;Med;01.03.2022;05.03.2022 10:00;07.03.2022 12:00;2`;
/** A selection line as a report could write it, listing more than the sniffed bytes hold. */
const LONG = `Utvalg: ${Array.from({ length: 30_000 }, (_, i) => `avd${String(i).padStart(5, '0')}`).join(', ')}`;

async function refusal(path: string): Promise<RefusedFileError> {
  const e = await readExport(path).then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(RefusedFileError);
  return e as RefusedFileError;
}

describe('a line longer than the sniffed bytes before the header', () => {
  it('is named, with its line and length, not taken for a file without a header row; after the header it is a row', async () => {
    expect(Buffer.byteLength(LONG)).toBeGreaterThan(SAMPLE_BYTES);
    const dir = tempDir();
    const file = writeCp1252(dir, 'lang-utvalg.csv', ['Utskrivningsklare pasienter', '', LONG, DIPS_HEADER, ROW]);
    const e = await refusal(file);
    expect(e.message).toBe(`lang-utvalg.csv (linje 3): linje 3 er ${Math.ceil(Buffer.byteLength(LONG) / 1024)} KB lang, før noen overskriftsrad: forventet overskriftsraden blant de første 11 linjene som ikke er tomme, med korte linjer over den (rapporttittel, utskriftsdato, utvalg); fjern eller kort ned linjen og prøv igjen`);
    expect(e.where).toEqual({ line: 3 });
    // Only there: a long line after the header is a row, and a header above one is refused for what it is.
    const read = await readExport(writeCp1252(dir, 'lang-rad.csv', ['Utskrivningsklare pasienter', DIPS_HEADER, `${ROW.slice(0, -2)};${'x'.repeat(SAMPLE_BYTES)}`, ROW]));
    expect(read.header.line).toBe(2);
    read.dispose();
    const quote = await refusal(writeCp1252(dir, 'anfoerselstegn.csv', [DIPS_HEADER.replace('Kommunenr', '"Kommunenr'), LONG, ROW]));
    expect(quote.message).toMatch(/^anfoerselstegn\.csv \(linje 1\): overskriftsraden har et anførselstegn/);
  });

  it('that runs to the end of the file says the file has no line breaks it knows', async () => {
    const file = writeUtf8(tempDir(), 'en-linje.csv', [[DIPS_HEADER, ROW, LONG].join('\u2028')], { eol: '' });
    expect((await refusal(file)).message).toMatch(/^en-linje\.csv \(linje 1\): linje 1 er \d+ KB uten linjeskift helt til slutten av filen, og ingen overskriftsrad står over den/);
  });
});
