import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileWat } from '../../scripts/wasm.ts';
import { BATCH_MESSAGES, HmacSha256x4, MAX_MESSAGE_BYTES } from './hmac-sha256x4.ts';

const reference = (key: Uint8Array, m: Uint8Array) => createHmac('sha256', key).update(m).digest('hex');

function digests(h: HmacSha256x4, messages: Uint8Array[]): string[] {
  h.clear();
  const slots = messages.map((m) => h.add(m, 0, m.length));
  h.run();
  return slots.map((slot) => {
    const out = Buffer.alloc(64);
    h.hex(slot, 32, out, 0);
    return out.toString('latin1');
  });
}

describe('HmacSha256x4', () => {
  it('is the binary its WebAssembly text compiles to (npm run build:wasm after editing the .wat)', async () => {
    const wat = fileURLToPath(new URL('./hmac-sha256x4.wat', import.meta.url));
    const committed = readFileSync(wat.replace(/\.wat$/, '.wasm'));
    expect(Buffer.from(await compileWat(wat)).equals(committed)).toBe(true);
  });

  it('agrees with createHmac for every message length that fits a block, and keys short, full and longer than a block', () => {
    for (const keyLength of [1, 16, 32, 63, 64, 65, 100, 200]) {
      const key = randomBytes(keyLength);
      const messages = Array.from({ length: MAX_MESSAGE_BYTES + 1 }, (_, n) => randomBytes(n));
      expect(digests(new HmacSha256x4(key), messages), `nøkkel på ${keyLength} byte`).toEqual(messages.map((m) => reference(key, m)));
    }
  });

  it('keeps each message in its own lane, for any count, a full batch, and the batch after it', () => {
    const key = randomBytes(32);
    const h = new HmacSha256x4(key);
    for (const count of [1, 2, 3, 5, 7, BATCH_MESSAGES, 9]) {
      const messages = Array.from({ length: count }, (_, i) => Buffer.from(String(10_000_000_000 + i * 7919)));
      const got = digests(h, messages);
      // Checked in full for the small counts, and at the edges of the lanes and groups for the full batch.
      const checked = count < 10 ? got.keys() : [0, 1, 2, 3, 4, 1021, 2047, 2048, BATCH_MESSAGES - 1].values();
      for (const i of checked) expect(got[i], `${count} meldinger, nr. ${i}`).toBe(reference(key, messages[i]!));
    }
    expect(h.full).toBe(false);
  });

  it('writes only the hex it is asked for, where it is asked', () => {
    const key = randomBytes(32);
    const h = new HmacSha256x4(key);
    const m = Buffer.from('14834446457');
    h.add(m, 0, m.length);
    h.run();
    const out = Buffer.alloc(40, '.');
    h.hex(0, 16, out, 4);
    expect(out.toString('latin1')).toBe(`....${reference(key, m).slice(0, 32)}....`);
  });

  it('refuses a message longer than a block, and one more than a batch', () => {
    const h = new HmacSha256x4(randomBytes(32));
    expect(() => h.add(Buffer.alloc(MAX_MESSAGE_BYTES + 1), 0, MAX_MESSAGE_BYTES + 1)).toThrow(RangeError);
    for (let i = 0; i < BATCH_MESSAGES; i++) h.add(Buffer.from('1'), 0, 1);
    expect(h.full).toBe(true);
    expect(() => h.add(Buffer.from('1'), 0, 1)).toThrow(RangeError);
  });
});
