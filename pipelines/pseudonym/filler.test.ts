import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { HOLE_BYTE, PseudonymBatchBuilder } from './batch.ts';
import { pseudonymFiller, type PseudonymFiller } from './filler.ts';
import { PSEUDONYM_LENGTH, pseudonymizer } from './pseudonym.ts';

/** An output with a hole after each "<id>;", as the reader writes it. */
function piece(ids: string[]) {
  const batch = new PseudonymBatchBuilder(ids.join('').length, ids.length);
  const out = Buffer.allocUnsafeSlow(ids.length * 64);
  let o = 0;
  for (const id of ids) {
    const bytes = Buffer.from(id, 'latin1');
    batch.addId(bytes, 0, bytes.length);
    o += out.write(`${id.trim()};`, o, 'latin1');
    o = batch.addHole(out, o);
    out[o++] = 0x0a;
  }
  return { out: out.subarray(0, o), batch: batch.finish() };
}

const fillers: PseudonymFiller[] = [];
afterEach(async () => {
  for (const f of fillers.splice(0)) await f.close();
});

describe('pseudonymFiller', () => {
  it('fills every hole with the identifier’s HMAC, the same in this thread and in the worker', async () => {
    const key = randomBytes(32);
    const p = pseudonymizer(key);
    const ids = ['14834446457', ' 01010012345 ', 'P-77', '9'.repeat(40)];
    const expected = ids.map((id) => `${id.trim()};${p(Buffer.from(id, 'latin1'))}`).join('\n') + '\n';
    const here = pseudonymFiller(key, { workerFrom: 1000 });
    const there = pseudonymFiller(key, { workerFrom: 0 });
    fillers.push(here, there);
    const a = piece(ids);
    const b = piece(ids);
    expect((await here.fill(a.out, a.batch)).toString('latin1')).toBe(expected);
    expect((await there.fill(b.out, b.batch)).toString('latin1')).toBe(expected);
  });

  it('keeps each piece’s pseudonyms with its own holes when many are in the worker at once', async () => {
    const key = randomBytes(32);
    const p = pseudonymizer(key);
    const filler = pseudonymFiller(key, { workerFrom: 0 });
    fillers.push(filler);
    const pieces = Array.from({ length: 20 }, (_, k) => Array.from({ length: 50 }, (_, i) => String(10_000_000_000 + k * 1000 + i)));
    const filled = await Promise.all(pieces.map((ids) => piece(ids)).map(({ out, batch }) => filler.fill(out, batch)));
    for (const [k, bytes] of filled.entries()) {
      const lines = bytes.toString('latin1').trimEnd().split('\n');
      expect(lines).toEqual(pieces[k]!.map((id) => `${id};${p(Buffer.from(id))}`));
    }
  });

  it('an output whose holes were not filled holds no pseudonym, only placeholders', () => {
    const { out } = piece(['14834446457']);
    expect(out.toString('latin1')).toBe(`14834446457;${String.fromCharCode(HOLE_BYTE).repeat(PSEUDONYM_LENGTH)}\n`);
  });

  it('a piece still in the worker when it is stopped fails instead of waiting forever', async () => {
    const filler = pseudonymFiller(randomBytes(32), { workerFrom: 0 });
    const { out, batch } = piece(Array.from({ length: 5000 }, (_, i) => String(10_000_000_000 + i)));
    const pending = filler.fill(out, batch);
    await filler.close();
    await expect(pending).rejects.toThrow(/stoppet/);
  });
});
