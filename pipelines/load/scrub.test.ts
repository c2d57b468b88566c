import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../db/open.ts';
import { tempDir } from './fixtures.ts';

describe('rejected values stored by an older version', () => {
  it('are masked on the next open when their digits hide a fødselsnummer; other values stay', async () => {
    const path = join(tempDir(), 'gammel.duckdb');
    let db = await openDatabase(path);
    // Scrubbed once already, before the mask knew a birth date with the personnummer after it.
    await db.run(`DELETE FROM scrub_done; INSERT INTO scrub_done VALUES ('reject-value-any-form-1', now());
      INSERT INTO reject (batch_id, line, column_name, value, reason) VALUES
        (1, 3, 'Fakturadato', '7 905 049 806', 'ugyldig dato'), (1, 4, 'Fra dato', '30.02.2023', 'ugyldig dato'),
        (1, 5, 'Innlagt', 'f. 17.10.1974 pnr 78450', 'ugyldig dato/tid')`);
    db.close();
    db = await openDatabase(path);
    try {
      expect(await db.json('SELECT line, value FROM reject ORDER BY line')).toEqual([
        { line: 3, value: '***********' }, { line: 4, value: '30.02.2023' }, { line: 5, value: '***********' },
      ]);
      expect(await db.json('SELECT name FROM scrub_done ORDER BY name')).toEqual([{ name: 'reject-value-any-form-1' }, { name: 'reject-value-date-then-pnr-2' }]);
    } finally {
      db.close();
    }
  });
});
