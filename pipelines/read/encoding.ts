import { RefusedFileError } from './errors.ts';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1252';

/** Bytes that Windows-1252 leaves undefined; text containing them is not cp1252. */
const CP1252_UNDEFINED = [0x81, 0x8d, 0x8f, 0x90, 0x9d];

/**
 * The characters of the bytes 0x80–0x9F, where Windows-1252 differs from Latin-1 (WHATWG's
 * index); the five it leaves undefined stand for themselves, and checkCp1252 refuses them.
 * Written out because Node 20's TextDecoder('windows-1252') decodes these bytes as Latin-1
 * controls, which turned an en dash in a DIPS ward name into U+0096. The transcoder (cp1252.wat)
 * has its own copy as UTF-8 bytes; cp1252.test.ts holds it to this one.
 */
export const CP1252_C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** 1-based line number of byte offset `pos` in `buf`, given the lines before `buf`. */
export function lineAt(buf: Uint8Array, pos: number, linesBefore: number): number {
  let line = linesBefore + 1;
  for (let i = buf.indexOf(0x0a); i !== -1 && i < pos; i = buf.indexOf(0x0a, i + 1)) line++;
  return line;
}

export function firstInvalidUtf8(bytes: Uint8Array): number {
  const text = new TextDecoder('utf-8').decode(bytes);
  const i = text.indexOf('\ufffd');
  if (i === -1) return bytes.length;
  return Buffer.byteLength(text.slice(0, i), 'utf8');
}

/**
 * Refuses a piece of a Windows-1252 file that holds bytes cp1252 leaves undefined, or UTF-8
 * sequences (æøå as 0xC3 + continuation byte would otherwise become "Ã¦" in the database).
 */
export function checkCp1252(file: string, piece: Uint8Array, linesBefore: number): void {
  for (const b of CP1252_UNDEFINED) {
    const i = piece.indexOf(b);
    if (i !== -1) {
      throw new RefusedFileError(file, `ugyldig tegnkoding: byte 0x${b.toString(16)} finnes ikke i Windows-1252`, { line: lineAt(piece, i, linesBefore) });
    }
  }
  for (let i = piece.indexOf(0xc3); i !== -1; i = piece.indexOf(0xc3, i + 1)) {
    const next = piece[i + 1];
    if (next !== undefined && next >= 0x80 && next <= 0xbf) {
      throw new RefusedFileError(file, 'blandet tegnkoding: filen er Windows-1252, men denne linjen har UTF-8-tegn (forventet én koding i hele filen)', {
        line: lineAt(piece, i, linesBefore),
      });
    }
  }
}

/**
 * The refusal for a piece of a supposedly UTF-8 file that is not valid UTF-8. If valid non-ASCII
 * UTF-8 came before the bad byte (in this piece or earlier ones), the file mixes encodings;
 * otherwise the caller may retry the file as Windows-1252.
 */
export function utf8Refusal(file: string, piece: Uint8Array, linesBefore: number, sawNonAscii: boolean): RefusedFileError {
  const bad = firstInvalidUtf8(piece);
  const mixed = sawNonAscii || piece.subarray(0, bad).some((b) => b >= 0x80);
  return new RefusedFileError(
    file,
    mixed
      ? 'blandet tegnkoding: filen er UTF-8, men denne linjen har tegn i en annen koding (forventet én koding i hele filen)'
      : 'ugyldig tegnkoding (forventet UTF-8 eller Windows-1252)',
    { line: lineAt(piece, bad, linesBefore) },
  );
}

/**
 * Whether the bytes start with a UTF-16 byte order mark, little-endian (FF FE: Excel's «Unicode-
 * tekst», Notepad's «Unicode») or big-endian (FE FF). Such a file is refused by name: read as
 * UTF-8 or Windows-1252, every other byte is a NUL and no header row would be found.
 */
export function hasUtf16Bom(head: Uint8Array): boolean {
  return (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
}

/** The sample without a multibyte sequence its end cut in two, which is no judge of its encoding. */
function wholeSequences(sample: Uint8Array): Uint8Array {
  let end = sample.length;
  while (end > 0 && end > sample.length - 4 && (sample[end - 1]! & 0xc0) === 0x80) end--;
  if (end > 0 && sample[end - 1]! >= 0xc0) end--;
  return sample.subarray(0, end);
}

/**
 * A file that starts with a UTF-8 BOM says it is UTF-8, so a byte that is not (Windows-1252's æøå
 * after the BOM, as a tool that puts a BOM in front of ANSI text writes them) makes it a mixed file,
 * refused naming the line. Without this, the header was decoded with U+FFFD in place of «ø» and the
 * file refused for columns it has («Fødselsnummer mangler»), or the body was retried as
 * Windows-1252 with the BOM read as «ï»¿» in the first header cell («Oppholds-ID mangler»).
 * `lines`: the sample with its line ends as the reading pass takes them.
 */
export function bomFileRefusal(file: string, lines: Uint8Array): RefusedFileError | undefined {
  const head = wholeSequences(lines);
  const bad = firstInvalidUtf8(head);
  return bad === head.length ? undefined : utf8Refusal(file, head, 0, true);
}

/**
 * Chooses the encoding from the first bytes: a UTF-8 BOM, else UTF-8 if the sample is valid UTF-8
 * (or has valid UTF-8 letters before its first bad byte: a mixed file, refused later with its
 * line), else Windows-1252, Excel's "ANSI" on Norwegian Windows.
 */
export function sniffEncoding(sample: Uint8Array): TextEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8-bom';
  const head = wholeSequences(sample);
  const bad = firstInvalidUtf8(head);
  if (bad === head.length) return 'utf-8';
  return head.subarray(0, bad).some((b) => b >= 0x80) ? 'utf-8' : 'windows-1252';
}
