import type { UskDb } from '../db/open.ts';
import { TOTALS_PATTERN } from '../read/header.ts';
import { DATA_LIKE_PATTERN } from '../read/normalize.ts';
import type { BatchContext } from './chunk.ts';

/** How the reason of a line of report text among the rows starts (a title, a date line, a page footer). */
export const REPORT_TEXT_REASON = 'rapporttekst, ikke en datarad';

/**
 * Whether a line DuckDB rejected for missing columns is report text rather than a row cut short:
 * the criterion of a footer line (read/normalize.ts isFooterLine) over the line without the
 * reader's prefix (`cells`, split at the separator). One filled cell, of words (a letter and a
 * space), on one line; nothing that could be a row of data: no tab, «;» or «,» (a row in another
 * separator), no run of five digits (a patient or stay number, or the «*****» the reader masked
 * it to), no totals label («Sum 12» stays a row). «Utskrivningsklare pasienter», «Utskriftsdato: 05.01.2023 07:15», «Side 1 av 2» are text;
 * «B9;***;5401», «12345», «Somatikk» are not. So is a line that repeats one of the file's own
 * preamble as written («Utvalg: UNN HF; alle avdelinger», two cells): a second report's. Asked only
 * of rejected lines (chunk.ts structuralRejects), the preamble (`preamble`, a list) as a parameter.
 */
export function reportTextSql(cells: string, line: string, rest: string, preamble: string): string {
  const filled = `list_filter(${cells}, x -> trim(x) <> '')`;
  const cell = `trim(${filled}[1])`;
  return `(list_contains(${preamble}, trim(${rest})) OR len(${filled}) = 1 AND NOT contains(${line}, chr(10)) AND regexp_matches(${cell}, '\\p{L}') AND contains(${cell}, ' ')
    AND NOT regexp_matches(${cell}, '${DATA_LIKE_PATTERN}|[*]{5}') AND NOT regexp_matches(${cell}, '${TOTALS_PATTERN}', 'i'))`;
}

const PLAIN_START = `${REPORT_TEXT_REASON}: linjen ser ut som`;

/** The reason of a line of report text, `width` the header's columns (SQL). */
export function reportTextReasonSql(width: string): string {
  return `'${PLAIN_START} en overskrift, en bunntekst eller innledningen til en annen rapport (tekst i én celle, eller en linje fra filens innledning); en datarad har ' || ${width} || ' kolonner som overskriftsraden'`;
}

/** The reason of the introduction of a second report, whose header repeats the file's at `header`. */
export function joinedReportReason(header: number): string {
  return `${REPORT_TEXT_REASON}: innledningen til en ny rapport, for overskriftsraden kommer igjen rett etter (linje ${header}); `
    + 'to rapporter ser ut til å være satt sammen i én fil (radene under begge overskriftene er lest)';
}

/**
 * Report text just before a repeated header (the records right before it, read/line-prefixer.ts
 * RepeatedHeader) is a second report's introduction when one of its lines is also in the file's own
 * preamble (its title, «Utskriftsdato: …»): a report's page footer («Side 1 av 2») before the header
 * it repeats after a page break is not. Such a run of report text gets the reason that says so. Run
 * once a file is loaded, over its rejects of report text only: nothing when no header repeats.
 */
export async function joinedReportRejects(db: UskDb, ctx: BatchContext): Promise<void> {
  const { read, batch } = ctx;
  const again = read.repeatedHeader?.at;
  const cellsOf = (text: string) => text.split(read.delimiter).map((c) => c.trim()).filter((c) => c !== '');
  const preamble = new Set(read.header.preamble.flatMap((l) => [l.trim(), ...cellsOf(l)]));
  if (!again?.length || preamble.size === 0) return;
  const rows = await db.json<{ line: number; value: string | null }>(
    'SELECT line, value FROM reject WHERE batch_id = $batch AND column_name IS NULL AND starts_with(reason, $start)',
    { batch, start: PLAIN_START },
  );
  if (rows.length === 0) return;
  // The value is the line as rejected, masked: a line with a run of five digits may not match.
  const text = new Map(rows.map((r) => [r.line, [r.value?.trim() ?? '', ...cellsOf(r.value ?? '')]]));
  for (const { line: header, before } of again) {
    const run: number[] = [];
    for (let k = before.length - 1; k >= 0 && text.has(before[k]!); k--) run.push(before[k]!);
    if (!run.some((l) => text.get(l)!.some((t) => preamble.has(t)))) continue;
    await db.run(`UPDATE reject SET reason = $reason WHERE batch_id = $batch AND column_name IS NULL AND line IN (${run.join(', ')})`, {
      batch, reason: joinedReportReason(header),
    });
  }
}
