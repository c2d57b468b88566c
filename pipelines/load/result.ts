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
 * An as-of as a user gives it (`usk ingest --as-of`, the upload form's `asOf`): 'YYYY-MM-DD[ HH:MM[:SS]]'
 * (or with T) or 'DD.MM.YYYY[ HH:MM[:SS]]', local time; the time also written the Norwegian way, as
 * the columns take it (validate/parsers.ts): 'tt.mm', after «kl.». One schema, so the CLI and the
 * server take the same.
 */
export const AsOfText = z.string().regex(
  /^(\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4})([ T]\d{1,2}:\d{2}(:\d{2})?|(,?\s*kl\.?\s*|\s+)\d{1,2}[.:]\d{2})?$/i,
  'forventet åååå-mm-dd tt:mm eller dd.mm.åååå tt:mm (også tt.mm, eller «kl.» foran klokkeslettet)',
);

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
