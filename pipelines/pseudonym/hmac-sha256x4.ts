import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * HMAC-SHA-256 of many short messages under one key, in WebAssembly (hmac-sha256x4.wat, compiled
 * by scripts/build-wasm.ts into the .wasm beside it; a test checks the two agree). It exists for
 * speed: a national DIPS file has a million and a half patient fields, and node:crypto has no
 * batch call and no way to start from a saved key state, so each HMAC there costs two calls and
 * four compressions (≈ 0.6 µs); here it is two compressions, four messages at once in SIMD lanes
 * (≈ 0.25 µs with the packing). No library offers that. node:crypto stays the reference
 * (pseudonym.ts), for the messages longer than one block and in the tests.
 */

/** Longest message that fits the one block `hmac` hashes: 64 − 1 (the 0x80 byte) − 8 (the length). */
export const MAX_MESSAGE_BYTES = 55;

/** Messages per `run`. */
export const BATCH_MESSAGES = 4096;

// The module's memory layout (hmac-sha256x4.wat).
const STATE = 1536;
const SCHEDULE = 512;
const INNER_KEY_STATE = 256;
const OUTER_KEY_STATE = 288;
const INPUT = 4096;
const OUTPUT = INPUT + (BATCH_MESSAGES / 4) * 256;
const IV = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

interface Exports {
  memory: WebAssembly.Memory;
  compress: () => void;
  hmac: (groups: number, input: number, output: number) => void;
}

let compiled: WebAssembly.Module | undefined;
const wasmModule = () => (compiled ??= new WebAssembly.Module(readFileSync(new URL('./hmac-sha256x4.wasm', import.meta.url))));

/**
 * Queue messages with `add`, hash them with `run`, read the digests with `hex`, then `clear`. One
 * instance per thread; its memory holds the key's states, so it lives as long as the key is used.
 */
export class HmacSha256x4 {
  private readonly words: Uint32Array;
  private readonly hmac: Exports['hmac'];
  private count = 0;

  constructor(key: Uint8Array) {
    const exports = new WebAssembly.Instance(wasmModule()).exports as unknown as Exports;
    this.hmac = exports.hmac;
    this.words = new Uint32Array(exports.memory.buffer);
    // RFC 2104: a key longer than the block is hashed first; the block is the key, zero-padded.
    const block = new Uint8Array(64);
    block.set(key.length > 64 ? createHash('sha256').update(key).digest() : key);
    this.keyState(block, 0x36, INNER_KEY_STATE, exports.compress);
    this.keyState(block, 0x5c, OUTER_KEY_STATE, exports.compress);
  }

  get size(): number {
    return this.count;
  }

  get full(): boolean {
    return this.count === BATCH_MESSAGES;
  }

  /**
   * Queues bytes [start, end) of `src` (at most MAX_MESSAGE_BYTES) and returns its slot. Packed as
   * the module reads it: big-endian words, word t of slot k at lane k % 4 of group k / 4.
   */
  add(src: Uint8Array, start: number, end: number): number {
    const length = end - start;
    if (length > MAX_MESSAGE_BYTES || this.full) throw new RangeError(`intern feil: melding på ${length} byte i plass ${this.count}`);
    const slot = this.count++;
    const words = this.words;
    const base = INPUT / 4 + (slot >> 2) * 64 + (slot & 3);
    let t = 0;
    let i = start;
    for (; i + 4 <= end; i += 4, t++) words[base + 4 * t] = ((src[i]! << 24) | (src[i + 1]! << 16) | (src[i + 2]! << 8) | src[i + 3]!) >>> 0;
    // The last bytes, then the padding's 0x80, then zero words up to the length in bits.
    let last = 0;
    let shift = 24;
    for (; i < end; i++, shift -= 8) last |= src[i]! << shift;
    words[base + 4 * t++] = (last | (0x80 << shift)) >>> 0;
    for (; t < 15; t++) words[base + 4 * t] = 0;
    // The inner hash's message is the key block, then this one.
    words[base + 60] = (64 + length) * 8;
    return slot;
  }

  /** Hashes the queued messages. */
  run(): void {
    if (this.count === 0) return;
    // A group's unused lanes hash whatever is left there; their digests are never read.
    this.hmac((this.count + 3) >> 2, INPUT, OUTPUT);
  }

  /** Writes the first `bytes` bytes (a multiple of 4) of slot's digest, as lower-case hex, into `out` at `at`. */
  hex(slot: number, bytes: number, out: Uint8Array, at: number): void {
    const words = this.words;
    const base = OUTPUT / 4 + (slot >> 2) * 32 + (slot & 3);
    let o = at;
    for (let t = 0; t < bytes >> 2; t++) {
      const w = words[base + 4 * t]!;
      for (let s = 28; s >= 0; s -= 4) out[o++] = HEX_DIGITS[(w >>> s) & 15]!;
    }
  }

  clear(): void {
    this.count = 0;
  }

  /** The state after compressing the key block XOR `pad`, saved where `hmac` starts from. */
  private keyState(block: Uint8Array, pad: number, at: number, compress: () => void): void {
    const words = this.words;
    for (let t = 0; t < 8; t++) words.fill(IV[t]!, STATE / 4 + 4 * t, STATE / 4 + 4 * t + 4);
    for (let t = 0; t < 16; t++) {
      const w = (((block[4 * t]! ^ pad) << 24) | ((block[4 * t + 1]! ^ pad) << 16) | ((block[4 * t + 2]! ^ pad) << 8) | (block[4 * t + 3]! ^ pad)) >>> 0;
      words.fill(w, SCHEDULE / 4 + 4 * t, SCHEDULE / 4 + 4 * t + 4);
    }
    compress();
    for (let t = 0; t < 8; t++) words[at / 4 + t] = words[STATE / 4 + 4 * t]!;
  }
}

const HEX_DIGITS = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
