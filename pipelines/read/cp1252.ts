import { readFileSync } from 'node:fs';

/**
 * Windows-1252 bytes as UTF-8, in WebAssembly (cp1252.wat; scripts/build-wasm.ts compiles it into
 * the .wasm beside it). A DIPS export is Windows-1252 and DuckDB reads only UTF-8, so every byte of
 * it passes here: sixteen ASCII bytes per step, and no string in between (the way through V8's
 * Latin-1 strings made two copies of each megabyte and a string for the garbage collector).
 * encoding.ts's CP1252_C1 is the reference the tests hold it to.
 */

interface Exports {
  memory: WebAssembly.Memory;
  transcode: (input: number, length: number, output: number) => number;
}

/** Where the input starts: after the module's table. */
const INPUT = 1024;

let instance: { exports: Exports; bytes: Uint8Array } | undefined;

function transcoder(): { exports: Exports; bytes: Uint8Array } {
  if (!instance) {
    const module = new WebAssembly.Module(readFileSync(new URL('./cp1252.wasm', import.meta.url)));
    const exports = new WebAssembly.Instance(module).exports as unknown as Exports;
    instance = { exports, bytes: new Uint8Array(exports.memory.buffer) };
  }
  return instance;
}

/** The UTF-8 of `piece`, in the module's memory: valid until the next call. */
function transcode(piece: Uint8Array): Uint8Array {
  const t = transcoder();
  const output = INPUT + piece.length;
  const needed = output + 3 * piece.length + 16;
  if (t.bytes.length < needed) {
    t.exports.memory.grow(Math.ceil((needed - t.bytes.length) / 65536));
    t.bytes = new Uint8Array(t.exports.memory.buffer);
  }
  t.bytes.set(piece, INPUT);
  return t.bytes.subarray(output, output + t.exports.transcode(INPUT, piece.length, output));
}

/**
 * The UTF-8 of `piece` as a Buffer of its own. Bytes Windows-1252 leaves undefined come out as
 * Latin-1 (encoding.ts refuses them first).
 */
export function cp1252ToUtf8(piece: Uint8Array): Buffer {
  const utf8 = transcode(piece);
  const out = Buffer.allocUnsafe(utf8.length);
  out.set(utf8);
  return out;
}
