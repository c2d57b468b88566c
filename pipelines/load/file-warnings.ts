/**
 * Warnings about a file as a whole, from what its reading and loading noticed on the way; written
 * with the batch (commit.ts) and summed up per code (warnings.ts).
 */
import { formatDateTime } from '../format/index.ts';
import type { ReadExport } from '../read/index.ts';
import { headerAsWritten } from '../read/header.ts';
import type { BatchContext } from './chunk.ts';
import { nearMissing } from './missing-columns.ts';
import type { FileWarning } from './totals.ts';

/**
 * What the reader did with what was not plain records (read/): CRs without an LF read as line ends
 * in a file that also has LFs, a column named twice (one read), the header repeated (a report's page
 * breaks) skipped, columns the profile does not read (but for one named almost like a column the
 * file lacks: missing-columns.ts), a report's footer after its last row skipped. A warning's line is the first such line; the text says how many there are.
 */
export function readerWarnings(read: ReadExport): FileWarning[] {
  const which = (n: number) => (n === 1 ? 'linjen' : `${n} linjer (her den første)`);
  const warnings: FileWarning[] = [];
  if (read.loneCr) {
    warnings.push({
      line: null, column: null, code: 'vognretur-som-linjeskift',
      message: `filen har ${read.loneCr} vognretur-tegn (CR) uten linjeskift (LF) etter seg, blant vanlige linjeskift; hvert er lest som et linjeskift, `
        + 'så en verdi med CR inni blir delt over to linjer, som da avvises for feil antall kolonner (se avviste rader, om filen har noen). Forventet linjeskift som CRLF eller LF i hele filen',
    });
  }
  const empty = read.emptyFormulas;
  if (empty) {
    // Excel saves a formula that gives "" without a value, as a script saves one it never computed:
    // exceljs cannot tell them apart, so the cell is read as empty (it may be) and this says so.
    warnings.push({
      line: empty.line, column: empty.column, code: 'formel-uten-verdi',
      message: `${empty.cells === 1 ? 'cellen har' : `${empty.cells} celler i kolonner som kan stå tomme har (her den første)`} en formel uten lagret verdi, lest som tom: `
        + 'Excel lagrer slik en formel som gir tom tekst (=HVIS(…;"";…)). Er filen skrevet av et program eller skript, har formelen ikke fått noen verdi ennå: åpne filen i Excel og lagre den på nytt, eller eksporter verdiene',
    });
  }
  for (const d of read.header.match.doubles) {
    const name = (i: number) => `«${read.header.cells[i]}» (kolonne ${i + 1})`;
    warnings.push({
      line: read.header.line, column: read.header.cells[d.used] ?? null, code: 'dobbel-kolonne',
      message: `${name(d.used)} er lest; ${d.unused.map(name).join(' og ')} har samme betydning og er ikke lest. Sjekk at det er riktig kolonne, eller fjern den andre`,
    });
  }
  const again = read.repeatedHeader;
  if (again) {
    warnings.push({
      line: again.firstLine, column: null, code: 'gjentatt-overskrift',
      message: `${which(again.lines)} gjentar overskriftsraden (som en rapport gjør etter sideskift); ${again.lines === 1 ? 'den er' : 'de er'} hoppet over, ikke lest som data`,
    });
  }
  // A column the profile has no use for is not loaded; said once per file, so that nothing in it
  // (a time in a column of its own beside the date, «Utskrivningsklar kl.») goes unremarked. One
  // named almost like a column the file lacks is not one the profile «does not use»: it is said
  // with that column (missing-columns.ts).
  const { columns, doubles, profile } = read.header.match;
  const used = new Set([...columns.values(), ...doubles.flatMap((d) => d.unused), ...nearMissing(read).map((n) => n.cell)]);
  // A second patient column (Personnummer beside Fødselsnummer) is taken out by the reader like the
  // first (read/index.ts patients), so «the profile does not use it» would undersell what happened.
  const otherPatients = read.patients.filter((i) => !used.has(i));
  const unread = read.header.cells.flatMap((cell, i) => (used.has(i) || otherPatients.includes(i) || cell.trim() === '' ? [] : [`«${cell.trim()}»`]));
  if (otherPatients.length) {
    const names = otherPatients.map((i) => `«${read.header.cells[i]!.trim()}»`).join(' og ');
    const one = otherPatients.length === 1;
    const profileReadsOne = profile.columns.some((c) => c.type === 'patient');
    warnings.push({
      line: read.header.line, column: null, code: 'kolonne-ikke-lest',
      message: profileReadsOne
        ? `${names} er også ${one ? 'en pasientkolonne' : 'pasientkolonner'}: verdiene er tatt ut og pseudonymisert som «${headerAsWritten(read.header, 'patient')}», men ikke lest (profilen «${profile.name}» leser én)`
        : `${names} er ${one ? 'en pasientkolonne' : 'pasientkolonner'}: verdiene er tatt ut og pseudonymisert, men ikke lest (profilen «${profile.name}» har ingen pasientkolonne)`,
    });
  }
  if (unread.length) {
    warnings.push({
      line: read.header.line, column: null, code: 'kolonne-ikke-lest',
      message: unread.length === 1
        ? `kolonnen ${unread[0]} er ikke lest: profilen «${profile.name}» bruker den ikke`
        : `${unread.length} kolonner er ikke lest (${unread.join(', ')}): profilen «${profile.name}» bruker dem ikke`,
    });
  }
  const footer = read.footer;
  if (footer?.length) {
    warnings.push({
      line: footer[0]!.line, column: null, code: 'bunntekst',
      message: `${which(footer.length)} etter siste rad er rapporttekst (${footer.map((f) => `«${f.text}»`).join(', ')}); ${footer.length === 1 ? 'den er' : 'de er'} hoppet over, ikke lest som data`,
    });
  }
  return warnings;
}

/** Rows whose own Uttrekk differs from --as-of, and so was kept (counted by load/chunk.ts). */
export function ownUttrekkWarnings(ctx: BatchContext, given: string): FileWarning[] {
  const { rows, firstLine } = ctx.ownUttrekk;
  if (rows === 0) return [];
  const { header } = ctx.read;
  return [{
    line: firstLine, column: headerAsWritten(header, 'as_of'), code: 'uttrekk-foran-as-of',
    message: `--as-of ${formatDateTime(given)} gjelder bare rader uten eget uttrekkstidspunkt: ${rows} ${rows === 1 ? 'rad har' : 'rader har'} et annet i filens Uttrekk-kolonne, og det er brukt (her den første). `
      + 'Er filens Uttrekk feil, rett det i eksporten og last den inn på nytt',
  }];
}
