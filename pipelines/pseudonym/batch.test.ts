import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PseudonymBatchBuilder, pseudonymFill } from './batch.ts';
import { BATCH_MESSAGES, MAX_MESSAGE_BYTES } from './hmac-sha256x4.ts';
import { PSEUDONYM_LENGTH, pseudonymizer } from './pseudonym.ts';

/** One hole per identifier, one after another. */
function holes(ids: Uint8Array[]) {
  const builder = new PseudonymBatchBuilder(ids.reduce((n, id) => n + id.length, 0), ids.length);
  const out = Buffer.alloc(ids.length * PSEUDONYM_LENGTH);
  let o = 0;
  for (const id of ids) {
    builder.addId(id, 0, id.length);
    o = builder.addHole(out, o);
  }
  return { out, batch: builder.finish() };
}

describe('pseudonymFill', () => {
  it('writes the pseudonym of pseudonym.ts into every hole, in every form and length, over more than one batch of the WebAssembly', () => {
    const key = randomBytes(32);
    const one = pseudonymizer(key);
    const forms = ['01017012345', ' 1017012345', '010170-12345', '="01017012345"', '010170\u201312345', 'P-77', 'ø',
      '7'.repeat(MAX_MESSAGE_BYTES), '7'.repeat(MAX_MESSAGE_BYTES + 1), '8'.repeat(300), `${'1'.repeat(MAX_MESSAGE_BYTES)} `];
    const ids = [
      ...forms.map((f) => Buffer.from(f, 'utf8')),
      ...Array.from({ length: BATCH_MESSAGES + 37 }, (_, i) => randomBytes(1 + (i % 70)).map((b) => 0x21 + (b % 94))),
    ];
    const { out, batch } = holes(ids);
    pseudonymFill(key)(out, batch);
    ids.forEach((id, k) => expect(out.toString('latin1', k * PSEUDONYM_LENGTH, (k + 1) * PSEUDONYM_LENGTH), `nr. ${k}`).toBe(one(id)));
  });

  it('refuses a blank identifier, which the reader gives no hole', () => {
    const { out, batch } = holes([Buffer.from('12345678901'), Buffer.from(' \u00a0', 'utf8')]);
    expect(() => pseudonymFill(randomBytes(32))(out, batch)).toThrow(/blank identifikator/);
  });
});
