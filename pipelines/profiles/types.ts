import { z } from 'zod';

/**
 * How a source column is parsed and checked. Each type has one SQL parser in
 * pipelines/validate/parsers.sql; a profile only names the type.
 */
export const ColumnType = z.enum([
  'text', // trimmed text
  'id', // an identifier (Oppholds-ID, Fakturanr): trimmed text, all digits without leading zeros (an xlsx number cell has none)
  'patient', // fødselsnummer / patient number → keyed pseudonym, never stored raw
  'kommunenr', // 4 digits, a 3-digit value gets a leading zero, must exist in ref_kommune
  'fagomrade', // Somatikk / Psykisk helsevern / TSB and their aliases → slug
  'timestamp', // date or date-time, local time → TIMESTAMP + has_time flag
  'date', // date only
  'integer', // Norwegian number that must be whole
  'amount', // Norwegian amount: decimal comma, space/NBSP thousands, U+2212, "kr"
  'event_code', // NPR typeTidspunkt 1/2/3/4/6/7/12 or UT (profiles/values.ts)
  'event_text', // Hendelse text → event code
  'invoice_type', // Faktura / Kreditnota / F / K
]);
export type ColumnType = z.infer<typeof ColumnType>;

/**
 * A column whose value is kept as written, not parsed (text, id): an xlsx number cell becomes its
 * digits (read/xlsx.ts), and the value is searched for a fødselsnummer and Excel's error values
 * (validate/typed.ts), which a parsing type rejects as unreadable anyway.
 */
export const keptAsWritten = (type: ColumnType): boolean => type === 'text' || type === 'id';

export const ColumnSpec = z.object({
  /** Canonical key, the column's name in the target table (or a helper input such as event_text). */
  key: z.string().regex(/^[a-z_]+$/),
  /** Canonical header, as exports.md names it. */
  header: z.string(),
  aliases: z.array(z.string()).default([]),
  type: ColumnType,
  required: z.boolean().default(false),
  /** Lower bound for integer/amount columns. */
  min: z.number().optional(),
  /**
   * How a text column is searched for a fødselsnummer (validate/parsers.ts), which rejects the row:
   * anywhere in free text (default); in an id column, as the whole value or a run of exactly 11
   * digits inside it (an id's own longer digit runs must not trip it); or, where long check-digit
   * numbers are the system's own (invoice numbers, like KID, can be 11 digits with valid control
   * digits by chance), only a value that is wholly a fødselsnummer.
   */
  fnrCheck: z.enum(['anywhere', 'id', 'whole']).default('anywhere'),
  /**
   * What every row is read as when the file has no such column, for an optional column with a
   * default (the load's, load/targets.ts): Norwegian, the clause after «så», {rader} for the rows
   * («alle 3 linjene»). The load says it in a warning (load/missing-columns.ts): a default taken
   * without a word puts every row of a file that merely misnamed the column in the wrong place.
   */
  whenAbsent: z.string().optional(),
  /** Upper bound for integer columns, with why (Norwegian, for the reject reason). */
  max: z.object({ value: z.number(), why: z.string() }).optional(),
});
export type ColumnSpec = z.infer<typeof ColumnSpec>;

/** A check over a typed row, in SQL over the canonical keys (aliases t. = typed row, r = ref_rate). */
export const RowCheck = z.object({
  code: z.string(),
  /** SQL boolean that is TRUE when the row FAILS the check. */
  failsWhen: z.string(),
  severity: z.enum(['reject', 'warning']),
  column: z.string().optional(), // canonical key the message is about
  message: z.string(), // Norwegian; may use {value} for the column's raw value
});
export type RowCheck = z.infer<typeof RowCheck>;

export const Profile = z.object({
  name: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string(),
  /** Which source table the rows land in; a new source system maps onto one of these. */
  kind: z.enum(['periods', 'events', 'invoices']),
  columns: z.array(ColumnSpec).min(1),
  /** Groups of keys of which at least one must be present in the header (e.g. code or text). */
  requiredOneOf: z.array(z.array(z.string())).default([]),
  /** Canonical keys that identify a row across exports; newer rows with the same key supersede. */
  naturalKey: z.array(z.string()).min(1),
  /** The column whose year decides whether a Kommunenr was valid at the time. */
  yearFrom: z.string(),
  /** Column summed to check a totals row against, when the totals row holds a figure there. */
  totalsColumns: z.array(z.string()).default([]),
  checks: z.array(RowCheck).default([]),
});
export type Profile = z.infer<typeof Profile>;
export type ProfileInput = z.input<typeof Profile>;
