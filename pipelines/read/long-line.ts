import { open } from 'node:fs/promises';
import { formatInteger } from '../format/index.ts';
import { RefusedFileError } from './errors.ts';
import { headerAt, MAX_PREAMBLE_LINES } from './header.ts';
import type { Profile } from '../profiles/index.ts';

/**
 * The header is looked for in the file's first bytes (read/index.ts SAMPLE_BYTES). A line that
 * runs past them before any header hid the header, and the file was refused as having none among
 * its first 11 lines, though the user can see it there. This says what was found instead: the
 * line, and how long it is.
 *
 * Refused rather than read further to find the header: a report's preamble (exports.md: a title,
 * «Utskriftsdato», the selection) is short lines, so a line of a quarter of a megabyte above the
 * header is no preamble but a file whose line breaks are not CR or LF, or not an export at all; and
 * reading on would only move the limit (the lines are held as text while the header is looked
 * for), while the message for a line past it would still be needed.
 *
 * `bytes`: the sample with its line ends as the reading pass takes them (a lone CR is one), and
 * `text` the same decoded. Undefined when the sample ends at a line end or holds the whole file, a
 * header stands above the cut line (the file was refused for another reason), or the cut line is
 * past the lines the header is looked for in.
 */
export async function longLineRefusal(
  file: string, fileName: string, sample: { bytes: Uint8Array; text: string }, size: number, only?: Profile,
): Promise<RefusedFileError | undefined> {
  const { bytes } = sample;
  if (size <= bytes.length || bytes[bytes.length - 1] === 0x0a) return undefined;
  const start = bytes.lastIndexOf(0x0a) + 1;
  const above = sample.text.split('\n').slice(0, -1);
  if (above.filter((l) => l.replace(/\r$/, '').trim() !== '').length > MAX_PREAMBLE_LINES) return undefined;
  if (above.some((_, i) => headerAt(above, i, only)?.match.missing.length === 0)) return undefined;
  const line = above.length + 1;
  const end = await lineEnd(file, bytes.length);
  const kb = formatInteger(Math.ceil(((end ?? size) - start) / 1024));
  return new RefusedFileError(
    fileName,
    end === undefined
      ? `linje ${line} er ${kb} KB uten linjeskift helt til slutten av filen, og ingen overskriftsrad står over den: forventet en overskriftsrad og datarader på hver sin linje (linjeskift CR LF eller LF); er filen lagret med andre linjeskift, eller er den ikke en CSV-eksport?`
      : `linje ${line} er ${kb} KB lang, før noen overskriftsrad: forventet overskriftsraden blant de første ${MAX_PREAMBLE_LINES + 1} linjene som ikke er tomme, med korte linjer over den (rapporttittel, utskriftsdato, utvalg); fjern eller kort ned linjen og prøv igjen`,
    { line },
  );
}

/** The offset of the first line end (LF or CR) at or after `from`, or undefined when the file has none. */
async function lineEnd(file: string, from: number): Promise<number | undefined> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    for (let at = from; ; ) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, at);
      if (bytesRead === 0) return undefined;
      const piece = buf.subarray(0, bytesRead);
      const lf = piece.indexOf(0x0a);
      const cr = piece.indexOf(0x0d);
      const first = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
      if (first !== -1) return at + first;
      at += bytesRead;
    }
  } finally {
    await fh.close();
  }
}
