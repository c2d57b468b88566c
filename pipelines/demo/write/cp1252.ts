/**
 * Windows-1252 encoding, as DIPS writes its "ANSI" reports. Latin-1 would cover æøå, but not the
 * en dash and curly quotes a report title carries; those bytes are what tell cp1252 from latin-1.
 */
const SPECIAL: Record<string, number> = {
  '€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88, '‰': 0x89,
  'Š': 0x8a, '‹': 0x8b, 'Œ': 0x8c, 'Ž': 0x8e, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95,
  '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9a, '›': 0x9b, 'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f,
};

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
