/**
 * What `usk ingest --json` prints per file, and what the server's upload jobs carry to Last opp:
 * zod only, so that the browser reads the same shape (client/views/upload.ts).
 */
import { z } from 'zod';
import { maskIdentifiers } from '../db/errors.ts';

/** One line of `usk ingest --json`. */
export const IngestResult = z.object({
  file: z.string(),
  batch: z.number().int().nullable(),
  profile: z.string().nullable(),
  status: z.enum(['loaded', 'duplicate', 'refused']),
  rowsRead: z.number().int(),
  rowsLoaded: z.number().int(),
  rowsRejected: z.number().int(),
  warnings: z.array(z.string()),
  /** The as-of the rows were loaded with (local 'YYYY-MM-DD HH:MM'): stated, given or inferred. */
  asOf: z.string().optional(),
  /** Where it came from: --as-of, the file (Utskriftsdato, Uttrekk), or the rows' latest time. */
  asOfFrom: z.enum(['as-of', 'file', 'rows']).optional(),
  error: z.string().optional(),
});
export type IngestResult = z.infer<typeof IngestResult>;

/** Where a file's load is: reading (with bytes so far), validating, loading, deriving. */
export const IngestProgress = z.object({
  file: z.string(),
  phase: z.enum(['leser', 'validerer', 'laster', 'utleder']),
  bytes: z.number().optional(),
  total: z.number().optional(),
});
export type IngestProgress = z.infer<typeof IngestProgress>;

/**
 * An as-of as a user gives it (`usk ingest --as-of`, the upload form's `asOf`), in the forms the
 * files' date columns take (exports.md; validate/parsers.ts usk_timestamp): 'YYYY-MM-DD',
 * 'DD.MM.YYYY' or 'DD.MM.YY' (20yy), the day and month also with one digit; then a time HH:MM[:SS]
 * after a space or T, or written the Norwegian way, 'tt.mm', also after «kl.»; local time. A date or
 * time that does not exist (2023-13-01, 30.02.2024, 24:00) is no as-of. Returns
 * 'YYYY-MM-DD HH:MM:SS', or undefined.
 *
 * The one rule for a given as-of: AsOfText checks it with this and hands on what it returns, so the
 * argument check and the load (load/as-of.ts statedAsOf) cannot disagree; before, the check was a
 * pattern that let 2023-13-01 through to be refused file by file, and refused 31.12.22, which the
 * files' own dates allow. as-of.test.ts holds this to usk_timestamp over the same forms.
 */
export function parseAsOf(text: string): string | undefined {
  const m = AS_OF.exec(text.trim());
  if (!m) return undefined;
  const g = m.groups!;
  const year = g.iy !== undefined ? Number(g.iy) : g.y!.length === 2 ? 2000 + Number(g.y) : Number(g.y);
  const month = Number(g.im ?? g.m);
  const day = Number(g.id ?? g.d);
  const hour = Number(g.h ?? g.kh ?? 0);
  const minute = Number(g.mi ?? g.kmi ?? g.kmi2 ?? 0);
  const second = Number(g.s ?? g.ks ?? 0);
  // Before 1900 is no export's time (as usk_ts_year), and Date.UTC would read 0–99 as 1900–1999.
  if (year < 1900 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return undefined;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${year}-${two(month)}-${two(day)} ${two(hour)}:${two(minute)}:${two(second)}`;
}

/** The date, then nothing, a time after a space or T, or a Norwegian one (tt.mm, «kl.»): validate/parsers.ts usk_ts_shape and usk_ts_clock. */
const AS_OF = new RegExp(String.raw`^(?:(?<d>\d{1,2})\.(?<m>\d{1,2})\.(?<y>\d{4}|\d{2})|(?<iy>\d{4})-(?<im>\d{1,2})-(?<id>\d{1,2}))`
  + String.raw`(?:T(?<h>\d{1,2}):(?<mi>\d{2})(?::(?<s>\d{2})(?:[.,]\d{1,9})?)?`
  + String.raw`|(?:,?\s*[kK][lL]\.?\s*|\s+)(?<kh>\d{1,2})(?:\.(?<kmi>\d{2})|:(?<kmi2>\d{2})(?::(?<ks>\d{2})(?:[.,]\d{1,9})?)?))?$`);

/** What a refused as-of is told it should be: the forms parseAsOf takes. */
export const AS_OF_EXPECTED = 'forventet en dato som finnes, åååå-mm-dd, dd.mm.åååå eller dd.mm.åå, eventuelt med klokkeslett tt:mm (også tt.mm, eller «kl.» foran klokkeslettet)';

/** One schema for a given as-of, so the CLI and the server take the same (parseAsOf): its value is 'YYYY-MM-DD HH:MM:SS'. */
export const AsOfText = z.string().transform((text, ctx) => {
  const parsed = parseAsOf(text);
  if (parsed !== undefined) return parsed;
  ctx.addIssue({ code: 'custom', message: AS_OF_EXPECTED });
  return z.NEVER;
});

/**
 * The last warning of a loaded file with rejected rows (load/warnings.ts): the count, for the CLI's
 * list. Last opp says the count with the others and leaves this line out.
 */
export const rejectedCountWarning = (rejected: number): string => `${rejected} ${rejected === 1 ? 'rad' : 'rader'} avvist`;

/**
 * A file refused whole: nothing of it loaded. A fødselsnummer in its name or in the reason is masked
 * here, whoever refuses it (the reader, the load, the CLI before sending it to a server).
 */
export function refusedResult(file: string, error: string, partial: Partial<Omit<IngestResult, 'status' | 'file' | 'error'>> = {}): IngestResult {
  return { file: maskIdentifiers(file), batch: null, profile: null, rowsRead: 0, rowsLoaded: 0, rowsRejected: 0, warnings: [], ...partial, status: 'refused', error: maskIdentifiers(error) };
}
