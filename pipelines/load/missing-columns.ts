/**
 * Warnings about the profile's columns a loaded file lacks: an unread header cell named almost like
 * one of them (profiles/near-match.ts), and a column with a default (ColumnSpec.whenAbsent) or the
 * as-of's fallback that the file does not have, each with what it cost. Before, «Fagomrde» was only
 * «a column the profile does not use», and every line of the file was Somatikk without a word.
 */
import { formatAsOf } from '../format/index.ts';
import type { ColumnSpec, Profile } from '../profiles/index.ts';
import { missingColumns, nearColumns, type NearColumn } from '../profiles/near-match.ts';
import type { ReadExport } from '../read/index.ts';
import { headerAsWritten } from '../read/header.ts';
import type { AsOfSource } from './as-of.ts';
import type { FileWarning } from './totals.ts';

/** What a file's load came to, which decides what a missing column cost. */
export interface LoadOutcome {
  /** Rows loaded: those a default was given to. */
  rows: number;
  /** The as-of the rows were loaded with, and where it came from (load/as-of.ts). */
  asOf: string | null;
  asOfFrom: AsOfSource;
}

/** The cells of a loaded file's header near a column it lacks: read by file-warnings.ts too, which leaves them out of its list of unread columns. */
export function nearMissing(read: ReadExport): NearColumn[] {
  const { match, cells } = read.header;
  return nearColumns(match, cells, missingColumns(match));
}

/** A profile's rows as its warnings call them, one and all of them. */
const ROWS: Record<Profile['kind'], [one: string, all: string]> = {
  periods: ['raden', 'radene'],
  events: ['hendelsen', 'hendelsene'],
  invoices: ['linjen', 'linjene'],
};

const rowsText = (kind: Profile['kind'], n: number): string => {
  const [one, all] = ROWS[kind];
  return n === 1 ? one : n === 2 ? `begge ${all}` : `alle ${n} ${all}`;
};

/**
 * What the file's lack of a column meant for its rows, as a clause after «så»; undefined for a
 * column without a default (nothing was assumed) or when no row was loaded. The as-of's fallback
 * depends on what the load had instead: --as-of, a time over the header, or the latest in the rows,
 * which is where open periods end.
 */
function consequence(read: ReadExport, column: ColumnSpec, outcome: LoadOutcome): string | undefined {
  if (outcome.rows === 0) return undefined;
  const rows = rowsText(read.header.match.profile.kind, outcome.rows);
  if (column.key === 'as_of') {
    if (outcome.asOf === null) return undefined;
    const at = formatAsOf(outcome.asOf);
    if (outcome.asOfFrom === 'as-of') return `--as-of (${at}) er uttrekkstidspunktet for ${rows}`;
    if (outcome.asOfFrom === 'file') return `uttrekkstidspunktet er ${at}, som står over overskriftsraden`;
    return `uttrekkstidspunktet er det seneste «${headerAsWritten(read.header, 'at_local')}» i filen (${at}), og åpne perioder regnes til det`;
  }
  return column.whenAbsent?.replace('{rader}', rows);
}

/**
 * One warning for the cells near a missing column, one for the columns with a default that are
 * missing with no cell near them (a column named near one is said once, in the first). One per file
 * and code, as the unread columns are (file-warnings.ts): the summary shows the first of a code, so
 * a second misnamed column would otherwise go unseen there. The as-of's fallback is no warning of
 * its own: the load's summary says where every file's as-of came from («seneste tidspunkt i
 * filen»).
 */
export function missingColumnWarnings(read: ReadExport, outcome: LoadOutcome): FileWarning[] {
  const { header } = read;
  const near = nearMissing(read);
  const warnings: FileWarning[] = [];
  if (near.length) {
    const said = new Set<string>();
    const parts = near.map((n) => {
      // Two cells near one column: what its lack cost is said with the first.
      const cost = said.has(n.column.key) ? undefined : consequence(read, n.column, outcome);
      said.add(n.column.key);
      return `kolonnen «${header.cells[n.cell]!.trim()}» er ikke lest: ligner «${n.name}», som mangler i filen${cost ? `, så ${cost}` : ''}`;
    });
    const one = near.length === 1;
    warnings.push({
      line: header.line, column: null, code: 'kolonne-ligner',
      message: `${parts.join('; ')}. ${one ? 'Er det den, rett overskriften' : 'Er det dem, rett overskriftene'} og last inn filen på nytt`,
    });
  }
  const nearKeys = new Set(near.map((n) => n.column.key));
  const defaulted = missingColumns(header.match).filter((c) => c.whenAbsent !== undefined && !nearKeys.has(c.key));
  const parts = defaulted.flatMap((c) => {
    const cost = consequence(read, c, outcome);
    return cost ? [`kolonnen «${c.header}» mangler i filen, så ${cost}`] : [];
  });
  if (parts.length) warnings.push({ line: header.line, column: null, code: 'kolonne-mangler', message: parts.join('; ') });
  return warnings;
}
