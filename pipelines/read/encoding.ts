import { RefusedFileError } from './errors.ts';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1252';

/** Bytes that Windows-1252 leaves undefined; text containing them is not cp1252. */
const CP1252_UNDEFINED = [0x81, 0x8d, 0x8f, 0x90, 0x9d];

/** 1-based line number of byte offset `pos` in `buf`, given the lines before `buf`. */
export function lineAt(buf: Uint8Array, pos: number, linesBefore: number): number {
  let line = linesBefore + 1;
  for (let i = 0; i < pos && i < buf.length; i++) if (buf[i] === 0x0a) line++;
  return line;
}

/**
 * Decodes a stream of chunks as one encoding, refusing bytes that do not belong to it. UTF-8 is
 * tried first; a file whose first non-ASCII byte is not UTF-8 is Windows-1252 (Excel's "ANSI").
 * Once one encoding has been seen, bytes of the other are "mixed" and refuse the file, naming the
 * line: mojibake must never reach the database.
 */
export class StrictDecoder {
  private decoder: TextDecoder;
  private lines = 0;
  sawMultibyte = false;
  readonly encoding: TextEncoding;

  constructor(
    encoding: TextEncoding,
    private readonly file: string,
  ) {
    this.encoding = encoding;
    this.decoder =
      encoding === 'windows-1252' ? new TextDecoder('windows-1252') : new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  }

  decode(chunk: Uint8Array, final = false): string {
    if (this.encoding === 'windows-1252') this.checkCp1252(chunk);
    let text: string;
    try {
      text = this.decoder.decode(chunk, { stream: !final });
    } catch {
      const bad = firstInvalidUtf8(chunk);
      const line = lineAt(chunk, bad, this.lines);
      const mixed = this.sawMultibyte || chunk.subarray(0, bad).some((b) => b >= 0x80);
      throw new RefusedFileError(
        this.file,
        mixed
          ? 'blandet tegnkoding: filen er UTF-8, men denne linjen har tegn i en annen koding (forventet én koding i hele filen)'
          : 'ugyldig tegnkoding (forventet UTF-8 eller Windows-1252)',
        { line },
      );
    }
    if (!this.sawMultibyte && /[^\x00-\x7f]/.test(text)) this.sawMultibyte = true;
    for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) this.lines++;
    return text;
  }

  private checkCp1252(chunk: Uint8Array): void {
    for (const b of CP1252_UNDEFINED) {
      const i = chunk.indexOf(b);
      if (i !== -1) {
        throw new RefusedFileError(this.file, `ugyldig tegnkoding: byte 0x${b.toString(16)} finnes ikke i Windows-1252`, {
          line: lineAt(chunk, i, this.lines),
        });
      }
    }
    // UTF-8 encodes æøåÆØÅ as 0xC3 followed by a continuation byte; in a cp1252 file that is "Ã¦".
    for (let i = chunk.indexOf(0xc3); i !== -1; i = chunk.indexOf(0xc3, i + 1)) {
      const next = chunk[i + 1];
      if (next !== undefined && next >= 0x80 && next <= 0xbf) {
        throw new RefusedFileError(
          this.file,
          'blandet tegnkoding: filen er Windows-1252, men denne linjen har UTF-8-tegn (forventet én koding i hele filen)',
          { line: lineAt(chunk, i, this.lines) },
        );
      }
    }
  }
}

function firstInvalidUtf8(chunk: Uint8Array): number {
  const text = new TextDecoder('utf-8').decode(chunk);
  const i = text.indexOf('\ufffd');
  if (i === -1) return chunk.length;
  return Buffer.byteLength(text.slice(0, i), 'utf8');
}

/**
 * Chooses the encoding from the bytes: a UTF-8 BOM, else UTF-8 if the sample is valid UTF-8 or has
 * no high bytes at all, else Windows-1252. Non-ASCII bytes after the sample are still checked by
 * StrictDecoder; a UTF-8 guess that meets a cp1252 byte later is refused as mixed unless nothing
 * non-ASCII was seen before it (then the caller restarts as cp1252).
 */
export function sniffEncoding(sample: Uint8Array): TextEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8-bom';
  let end = sample.length;
  // Do not judge a multibyte sequence cut by the end of the sample.
  while (end > 0 && end > sample.length - 4 && (sample[end - 1]! & 0xc0) === 0x80) end--;
  if (end > 0 && sample[end - 1]! >= 0xc0) end--;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end));
    return 'utf-8';
  } catch {
    // Valid UTF-8 letters before the first invalid byte: a UTF-8 file with foreign bytes in it.
    // Guess UTF-8 so StrictDecoder refuses it as mixed, naming the line.
    const bad = firstInvalidUtf8(sample.subarray(0, end));
    return sample.subarray(0, bad).some((b) => b >= 0x80) ? 'utf-8' : 'windows-1252';
  }
}
