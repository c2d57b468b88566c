import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../db/open.ts';
import { tempDir } from './fixtures.ts';

describe('rejected values stored by an older version', () => {
  it('are masked on the next open when their digits hide a fødselsnummer; other values stay', async () => {
    const path = join(tempDir(), 'gammel.duckdb');
    let db = await openDatabase(path);
    await db.run(`DELETE FROM scrub_done;
      INSERT INTO reject (batch_id, line, column_name, value, reason) VALUES
        (1, 3, 'Fakturadato', '7 905 049 806', 'ugyldig dato'), (1, 4, 'Fra dato', '30.02.2023', 'ugyldig dato')`);
    db.close();
    db = await openDatabase(path);
    try {
      expect(await db.json('SELECT line, value FROM reject ORDER BY line')).toEqual([{ line: 3, value: '***********' }, { line: 4, value: '30.02.2023' }]);
      expect(await db.json('SELECT name FROM scrub_done')).toEqual([{ name: 'reject-value-any-form-1' }]);
    } finally {
      db.close();
    }
  });
});
