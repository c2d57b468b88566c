import { BATCH_MESSAGES, HmacSha256x4, MAX_MESSAGE_BYTES } from './hmac-sha256x4.ts';
import { canonicalIdentifier } from './identifier.ts';
import { PSEUDONYM_LENGTH, pseudonymWriter } from './pseudonym.ts';

/**
 * The identifiers of one piece of an export, waiting for their pseudonyms, and where each
 * pseudonym goes in the piece's output. The reader (read/line-prefixer.ts) leaves a hole of
 * PSEUDONYM_LENGTH placeholder bytes for each one and blanks the identifier in the record; the
 * holes are filled before the output is written anywhere, here or in a worker thread
 * (filler.ts), so that hashing runs beside the reading pass instead of inside it.
 */
export interface PseudonymBatch {
  /** The identifiers' bytes as written (normalised when hashed: identifier.ts), one after another. */
  ids: Uint8Array;
  /** End of identifier k in `ids`; it starts where identifier k − 1 ends. */
  ends: Int32Array;
  /** Offset in the output of identifier k's hole. */
  holes: Int32Array;
  count: number;
}

/**
 * What a hole holds until it is filled: not 32 hex digits, so a hole that was somehow left
 * unfilled reads as an unreadable patient field and is rejected, never loaded as a pseudonym.
 */
export const HOLE_BYTE = 0x3f; // '?'

/** Collects one piece's identifiers and holes; sized for the piece, so it never grows. */
export class PseudonymBatchBuilder {
  private readonly ids: Uint8Array;
  private readonly ends: Int32Array;
  private readonly holes: Int32Array;
  private idBytes = 0;
  private idCount = 0;
  private holeCount = 0;

  /** `bytes`: at most this many identifier bytes; `records`: at most this many identifiers. */
  constructor(bytes: number, records: number) {
    // Fresh, unpooled memory: the batch may be transferred to a worker thread.
    this.ids = new Uint8Array(new ArrayBuffer(Math.max(bytes, 1)));
    this.ends = new Int32Array(new ArrayBuffer(4 * Math.max(records, 1)));
    this.holes = new Int32Array(new ArrayBuffer(4 * Math.max(records, 1)));
  }

  /** Marks where the identifiers of the record being read start, to take them back with `rollback`. */
  mark(): number {
    return this.idCount;
  }

  rollback(mark: number): void {
    this.idCount = mark;
    this.idBytes = mark === 0 ? 0 : this.ends[mark - 1]!;
  }

  addId(src: Uint8Array, start: number, end: number): void {
    // A byte loop: an identifier is a dozen bytes, and a view for set() costs more than copying them.
    const ids = this.ids;
    let n = this.idBytes;
    for (let i = start; i < end; i++) ids[n++] = src[i]!;
    this.idBytes = n;
    this.ends[this.idCount++] = n;
  }

  /** Writes a hole at `o` in `out` for the next identifier; returns the offset after it. */
  addHole(out: Uint8Array, o: number): number {
    this.holes[this.holeCount++] = o;
    out.fill(HOLE_BYTE, o, o + PSEUDONYM_LENGTH);
    return o + PSEUDONYM_LENGTH;
  }

  finish(): PseudonymBatch {
    if (this.holeCount !== this.idCount) throw new Error(`intern feil: ${this.idCount} identifikatorer, men ${this.holeCount} plasser til pseudonymer`);
    return { ids: this.ids, ends: this.ends, holes: this.holes, count: this.idCount };
  }
}

/** Writes each identifier's pseudonym into its hole in `out`. */
export type PseudonymFill = (out: Buffer, batch: PseudonymBatch) => void;

/**
 * The pseudonyms of pseudonym.ts for a whole batch at once: normalised identifiers hashed in
 * WebAssembly, four at a time (hmac-sha256x4.ts), two and a half times faster than one by one;
 * an identifier longer than its one block by node:crypto (pseudonymWriter). One per thread.
 */
export function pseudonymFill(key: Buffer): PseudonymFill {
  const hmac = new HmacSha256x4(key);
  const oneByOne = pseudonymWriter(key);
  const holeOf = new Int32Array(BATCH_MESSAGES);
  let scratch = new Uint8Array(64);
  const flush = (out: Buffer) => {
    hmac.run();
    for (let slot = 0; slot < hmac.size; slot++) hmac.hex(slot, PSEUDONYM_LENGTH / 2, out, holeOf[slot]!);
    hmac.clear();
  };
  return (out, batch) => {
    const { ids, ends, holes, count } = batch;
    hmac.clear();
    let start = 0;
    for (let k = 0; k < count; k++) {
      const end = ends[k]!;
      // + 1: room for a restored leading zero (identifier.ts).
      if (scratch.length < end - start + 1) scratch = new Uint8Array(end - start + 1);
      const n = canonicalIdentifier(ids, start, end, scratch, 0);
      // The reader leaves a hole only for an identifier that is not blank.
      if (n === 0) throw new Error('intern feil: blank identifikator fikk plass til et pseudonym');
      if (n > MAX_MESSAGE_BYTES) oneByOne(ids, start, end, out, holes[k]!);
      else {
        holeOf[hmac.add(scratch, 0, n)] = holes[k]!;
        if (hmac.full) flush(out);
      }
      start = end;
    }
    flush(out);
  };
}
