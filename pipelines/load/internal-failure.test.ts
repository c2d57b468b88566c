import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IDENTIFIER_MASK } from '../db/errors.ts';
import { FNR, tempDir } from './fixtures.ts';
import { internalFailure } from './internal-failure.ts';

/** The error Node throws for a file that is not there: a real one, with its code. */
function fileError(path: string): unknown {
  try {
    readFileSync(path);
  } catch (e) {
    return e;
  }
  throw new Error(`${path} exists`);
}

describe('internalFailure: a load that failed in a way not foreseen', () => {
  afterEach(() => vi.restoreAllMocks());

  it('says a file system error as such, with its code, and masks a fødselsnummer in the file name', () => {
    const file = join(tempDir(), `epikrise ${FNR[0]}.csv`);
    const r = internalFailure(file, 'dips-usk', fileError(file));
    expect(r).toMatchObject({ status: 'refused', batch: null, profile: 'dips-usk', rowsLoaded: 0, file: `epikrise ${IDENTIFIER_MASK}.csv` });
    expect(r.error).toBe(`epikrise ${IDENTIFIER_MASK}.csv: filen kunne ikke leses (ENOENT); ingenting fra filen er lastet`);
    expect(JSON.stringify(r)).not.toContain(FNR[0]);
  });

  it('refuses anything else as an internal error, and writes its stack to stderr with identifiers masked', () => {
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const r = internalFailure('/data/dips.csv', undefined, new Error(`Conversion Error: could not convert '${FNR[1]}' to INT32`));
    expect(r.profile).toBeNull();
    expect(r.error).toMatch(/^dips\.csv: intern feil under innlesingen, ingenting fra filen er lastet \(Conversion Error: could not convert '\*{11}' to INT32\); meld fra/);
    expect(written.join('')).toContain('usk: intern feil under innlesing av dips.csv:');
    expect(written.join('')).toContain('at '); // the stack, for the report
    expect(written.join('') + JSON.stringify(r)).not.toContain(FNR[1]);
  });

  it('ends the run when DuckDB has invalidated the database, since every later file would fail the same way', () => {
    const fatal = new Error('FATAL Error: Failed: database has been invalidated because of a previous fatal error');
    expect(() => internalFailure('/data/dips.csv', undefined, fatal)).toThrow(fatal);
  });
});
