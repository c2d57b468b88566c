/**
 * A header cell no column of a profile recognised, named almost like one the file lacks: «Fagomrde»
 * for Fagområde, «Tidspkt» for Tidspunkt. Said, never read: a loaded file's warning names the column
 * it probably meant and what its absence cost (load/missing-columns.ts), a refused file's message
 * the cell beside the required column it lacks (read/header.ts). A guess read into use would be
 * a silent error of its own when it is wrong.
 */
import { normalizeHeader, patientIndexes, type ColumnSpec, type HeaderMatch } from './index.ts';

/**
 * Edits (a letter dropped, added, changed, or two beside each other swapped) between two header
 * names after normalizeHeader, which has already taken case, æøå written otherwise, spaces, hyphens,
 * dots and a unit out of the comparison: what is left is how people mistype. Optimal string
 * alignment distance, so that «Tdispunkt» is one edit from Tidspunkt, not two.
 */
export function headerDistance(a: string, b: string): number {
  return editDistance(Array.from(normalizeHeader(a)), Array.from(normalizeHeader(b)));
}

function editDistance(s: readonly string[], t: readonly string[]): number {
  // d[i][j]: edits between the first i letters of s and the first j of t.
  const d = Array.from({ length: s.length + 1 }, (_, i) => Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[s.length]![t.length]!;
}

/**
 * How far a cell is from a name, when it is near at all; undefined when not. Two edits are allowed
 * when both names have six letters or more, one when the shorter has four or five, none below
 * four: within one edit of a three-letter name are other words as often as typos (Nr and Fnr, Sun
 * and Sum), and two edits in a name of four or five letters change half of it (Dato is two letters
 * from Utdato). The shorter of the two sets the bound, so a short cell does not reach a long name by
 * the letters it lacks. A cell that is the start of the name, cut where a report's column is too
 * narrow («Fagomr.», «Uttrekkstidsp»), or the name with a word after it («Uttrekksdato», «Utskrevet
 * dato»), is near too when the shorter keeps six letters, as for two edits, and half the longer
 * («Kunde nr» is no Kunde, «Beløp eks. mva» no Beløp); it ranks after two edits (2.5), so a typo
 * that fits better wins.
 */
export function nearness(cell: string, name: string): number | undefined {
  const c = Array.from(normalizeHeader(cell));
  const n = Array.from(normalizeHeader(name));
  const shorter = Math.min(c.length, n.length);
  const allowed = shorter >= 6 ? 2 : shorter >= 4 ? 1 : 0;
  if (allowed > 0) {
    const d = editDistance(c, n);
    if (d <= allowed) return d;
  }
  const [short, long] = c.length <= n.length ? [c, n] : [n, c];
  if (short.length >= 6 && short.length * 2 >= long.length && short.every((ch, i) => long[i] === ch)) return 2.5;
  return undefined;
}

export interface NearColumn {
  /** Index of the header cell. */
  cell: number;
  column: ColumnSpec;
  /** The column's name (its header or an alias) the cell is nearest to, as the profile writes it. */
  name: string;
}

/**
 * The header cells a match does not read: neither a column of its profile, nor one named twice
 * (HeaderMatch.doubles, warned about as such), nor a patient column (the reader pseudonymises those
 * and says so), nor empty.
 */
export function unreadCells(match: HeaderMatch, cells: readonly string[]): number[] {
  const used = new Set([...match.columns.values(), ...match.doubles.flatMap((d) => d.unused), ...patientIndexes(match, cells)]);
  return cells.flatMap((cell, i) => (used.has(i) || cell.trim() === '' ? [] : [i]));
}

/**
 * Of the cells the match does not read (unreadCells), those near a name of one of `candidates`
 * (nearness), each with the nearest; of equally near, the first column in `candidates`. In the
 * cells' order.
 */
export function nearColumns(match: HeaderMatch, cells: readonly string[], candidates: readonly ColumnSpec[]): NearColumn[] {
  const found: NearColumn[] = [];
  for (const i of unreadCells(match, cells)) {
    let best: { rank: number; near: NearColumn } | undefined;
    for (const column of candidates) {
      for (const name of [column.header, ...column.aliases]) {
        const rank = nearness(cells[i]!, name);
        if (rank !== undefined && (!best || rank < best.rank)) best = { rank, near: { cell: i, column, name } };
      }
    }
    if (best) found.push(best.near);
  }
  return found;
}

/** The columns of a match's profile that its header lacks, required or not. */
export function missingColumns(match: HeaderMatch): ColumnSpec[] {
  return match.profile.columns.filter((c) => !match.columns.has(c.key));
}
