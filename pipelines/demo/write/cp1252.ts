import { CP1252_C1 } from '../../read/encoding.ts';

/**
 * Windows-1252 encoding, as DIPS writes its "ANSI" reports. Latin-1 would cover æøå, but not the
 * en dash and curly quotes a report title carries; those bytes are what tell cp1252 from latin-1.
 */
const SPECIAL: Record<string, number> = Object.fromEntries(
  Array.from(CP1252_C1, (ch, i) => [ch, 0x80 + i] as const).filter(([ch]) => ch.charCodeAt(0) > 0xff),
);

export function encodeCp1252(text: string): Buffer {
  const out = Buffer.alloc(text.length);
  let n = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    const byte = code < 0x80 || (code >= 0xa0 && code <= 0xff) ? code : SPECIAL[ch];
    if (byte === undefined) throw new Error(`cannot write U+${code.toString(16)} in Windows-1252`);
    out[n++] = byte;
  }
  return out.subarray(0, n);
}
