import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ingestViaServer } from './via-server.ts';
import { tempDir } from '../load/fixtures.ts';

describe('ingestViaServer', () => {
  it('refuses a folder and a missing file as a local load does, without sending anything', async () => {
    const dir = tempDir();
    // Nothing listens on port 9: a request would fail the test with a connection error.
    const results = await ingestViaServer({ url: 'http://127.0.0.1:9', token: 'x' }, [dir, join(dir, 'borte.csv')], { strict: false });
    expect(results.map((r) => [r.status, r.error])).toEqual([
      ['refused', expect.stringMatching(/: er en mappe, ikke en fil \(forventet en eksportfil/)],
      ['refused', 'borte.csv: finner ikke filen'],
    ]);
  });
});
