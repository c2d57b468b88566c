import { dipsUsk } from './dips-usk.ts';
import { faktura } from './faktura.ts';
import { hnlisHendelser } from './hnlis-hendelser.ts';
import { Profile, type ColumnSpec } from './types.ts';

export type { ColumnSpec, ColumnType, Profile } from './types.ts';

/** Every known source. A new source system is a new entry here, not a new code path. */
export const PROFILES: readonly Profile[] = [dipsUsk, hnlisHendelser, faktura].map((p) => Profile.parse(p));

export function profileByName(name: string): Profile | undefined {
  return PROFILES.find((p) => p.name === name);
}

/**
 * A unit after a header name, in parentheses or brackets: «Beløp (kr)», «Døgnpris (NOK)», «USK-døgn
 * (antall)». Reports add it for the reader; it names the same column. Only units that change
 * nothing in how the value is read are here: «Beløp (øre)» or «Beløp (1000 kr)» would be a
 * hundred or a thousand times off, so such a header stays unknown (a required column missing
 * refuses the file) rather than being read as kroner.
 */
const TRAILING_UNIT = /\s*[([]\s*(kr\.?|nok|kroner|døgn|doegn|dogn|dager|antall|stk\.?)\s*[)\]]\s*$/u;

/**
 * Header names are compared without case, spaces, hyphens, dots, a trailing unit (TRAILING_UNIT),
 * and with æ/ae, ø/o/oe, å/aa/a.
 */
export function normalizeHeader(name: string): string {
  return name
    .normalize('NFC')
    .toLowerCase()
    .replace(TRAILING_UNIT, '')
    .replaceAll('æ', 'ae')
    .replaceAll('ø', 'o')
    .replaceAll('å', 'a')
    // The same letters written without them, as systems and people do: Fagomraade and Fagomrade for
    // Fagområde, Antall doegn for Antall døgn.
    .replaceAll('aa', 'a')
    .replaceAll('oe', 'o')
    .replace(/[\s\u00a0\u202f\-._]+/g, '');
}

export interface HeaderMatch {
  profile: Profile;
  /** canonical key → index of the column in the header */
  columns: Map<string, number>;
  /** required headers (canonical names) not found */
  missing: string[];
  /** Columns named twice (also by an alias, Døgn beside USK-døgn): the one read, and the others left. */
  doubles: Array<{ key: string; used: number; unused: number[] }>;
  score: number;
}

/** Matches one header row against one profile. */
export function matchProfile(profile: Profile, cells: readonly string[]): HeaderMatch {
  const index = new Map<string, number>();
  cells.forEach((cell, i) => {
    const n = normalizeHeader(cell);
    if (n && !index.has(n)) index.set(n, i);
  });
  const columns = new Map<string, number>();
  for (const col of profile.columns) {
    for (const name of [col.header, ...col.aliases]) {
      const i = index.get(normalizeHeader(name));
      if (i !== undefined && ![...columns.values()].includes(i)) {
        columns.set(col.key, i);
        break;
      }
    }
  }
  const taken = new Set(columns.values());
  const doubles: HeaderMatch['doubles'] = [];
  for (const col of profile.columns) {
    const used = columns.get(col.key);
    // Two patient columns (Fødselsnummer and Pasientnr) are both pseudonymised (patientIndexes): no warning.
    if (used === undefined || col.type === 'patient') continue;
    const names = new Set([col.header, ...col.aliases].map(normalizeHeader));
    const unused = cells.flatMap((cell, i) => (i !== used && !taken.has(i) && names.has(normalizeHeader(cell)) ? [i] : []));
    if (unused.length) doubles.push({ key: col.key, used, unused });
  }
  const missing = lacking(profile, columns).map((l) => l.name);
  return { profile, columns, missing, doubles, score: columns.size - missing.length * 10 };
}

/** A required column a header lacks, as HeaderMatch.missing names it, and the columns that would do. */
export interface Lacking {
  /** Its header, or the headers of a choice joined by «eller» («Hendelseskode eller Hendelse»). */
  name: string;
  columns: ColumnSpec[];
}

function lacking(profile: Profile, columns: ReadonlyMap<string, number>): Lacking[] {
  const found: Lacking[] = profile.columns.filter((c) => c.required && !columns.has(c.key)).map((c) => ({ name: c.header, columns: [c] }));
  for (const group of profile.requiredOneOf) {
    if (!group.some((k) => columns.has(k))) {
      const members = group.flatMap((k) => profile.columns.filter((c) => c.key === k));
      found.push({ name: group.map((k) => profile.columns.find((c) => c.key === k)?.header ?? k).join(' eller '), columns: members });
    }
  }
  return found;
}

/** The required columns a match lacks (HeaderMatch.missing, in its order), each with the columns it stands for. */
export const lackingColumns = (match: HeaderMatch): Lacking[] => lacking(match.profile, match.columns);

/**
 * Header positions of patient identifiers: the profile's patient columns as matched, then any
 * other cell named like a patient column of any profile. A Fødselsnummer column that a profile
 * does not read (a second one, or one in an HN-LIS extract) is pseudonymised all the same.
 */
export function patientIndexes(match: HeaderMatch, cells: readonly string[]): number[] {
  const patientColumns = match.profile.columns.filter((c) => c.type === 'patient');
  const names = new Set(
    PROFILES.flatMap((p) => p.columns.filter((c) => c.type === 'patient')).flatMap((c) => [c.header, ...c.aliases].map(normalizeHeader)),
  );
  const matched = patientColumns.flatMap((c) => match.columns.get(c.key) ?? []);
  const named = cells.flatMap((cell, i) => (names.has(normalizeHeader(cell)) && !matched.includes(i) ? [i] : []));
  return [...matched, ...named];
}

/**
 * Which of two matches is closer (negative: a): a complete one first, then the one with more
 * columns found, then fewer missing. Columns found come before missing ones, since profiles
 * require different numbers of columns: «Navn;Adresse;Postnr;Kommunenr;Beløp» is nearer faktura
 * (two of its columns) than hnlis-hendelser (one), though hnlis-hendelser lacks fewer.
 */
export function compareMatches(a: HeaderMatch, b: HeaderMatch): number {
  return Number(a.missing.length > 0) - Number(b.missing.length > 0) || b.columns.size - a.columns.size || a.missing.length - b.missing.length;
}

/** The best profile for a header row (compareMatches); of equals, the first in PROFILES. */
export function bestProfile(cells: readonly string[], only?: Profile): HeaderMatch {
  const candidates = (only ? [only] : PROFILES).map((p) => matchProfile(p, cells));
  candidates.sort(compareMatches);
  return candidates[0]!;
}
