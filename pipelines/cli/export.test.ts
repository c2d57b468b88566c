import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../load/fixtures.ts';
import { destination } from './export.ts';

describe('destination (--out of a streamed export)', () => {
  it('writes the file 0600 also where an earlier export of this process id left its partial file readable by all', async () => {
    const dir = tempDir();
    const file = join(dir, 'dogn.csv');
    const left = `${file}.${process.pid}.delvis`;
    writeFileSync(left, 'rester');
    chmodSync(left, 0o644);
    const { out, done } = destination(file);
    out.write('opphold;dato\n');
    await done();
    expect(readFileSync(file, 'utf8')).toBe('opphold;dato\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['dogn.csv']);
  });
});
