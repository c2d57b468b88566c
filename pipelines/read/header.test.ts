import { describe, expect, it } from 'vitest';
import { asOfFromPreamble, findHeader, isTotalsRow } from './header.ts';
import { RefusedFileError } from './errors.ts';
import { profileByName } from '../profiles/index.ts';
import { DIPS_HEADER, FNR, INVOICE_HEADER } from '../load/fixtures.ts';

describe('asOfFromPreamble: the export time a report states above its header', () => {
  it('reads the time as written, also after kl., from a report Excel saved again, and with the month in words', () => {
    expect(asOfFromPreamble(['Utskrivningsklare pasienter', 'Utskriftsdato: 05.01.2023 07:15'])).toBe('05.01.2023 07:15');
    expect(asOfFromPreamble(['Utskriftsdato: 05.01.2023 kl. 14:30'])).toBe('05.01.2023 14:30');
    expect(asOfFromPreamble(['Utskriftsdato:;05.04.2022;;;;;'])).toBe('05.04.2022');
    expect(asOfFromPreamble(['Utskriftsdato: 5. april 2022'])).toBe('05.04.2022');
    expect(asOfFromPreamble(['Rapportdato 2023-01-05T07:15'])).toBe('2023-01-05 07:15');
    expect(asOfFromPreamble(['Uttrekk: 05.01.2023'])).toBe('05.01.2023');
  });

  it('passes over a selection period, and prefers the print or run time to «Uttrekk»', () => {
    // Before, «Uttrekk: 01.03.2022 - 31.03.2022» made 1 March the as-of: every stay open after it ended there.
    expect(asOfFromPreamble(['Uttrekk: 01.03.2022 - 31.03.2022', 'Utskriftsdato: 05.04.2022 08:15'])).toBe('05.04.2022 08:15');
    expect(asOfFromPreamble(['Uttrekk: 01.03.2022 – 31.03.2022', 'Kjørt: 05.04.2022 06:00'])).toBe('05.04.2022 06:00');
    expect(asOfFromPreamble(['Uttrekk: 01.03.2022 til 31.03.2022'])).toBeUndefined();
    expect(asOfFromPreamble(['Uttrekk: 05.01.2023 06:00', 'Utskriftsdato: 05.01.2023 07:15'])).toBe('05.01.2023 07:15');
    // Periods as reports and Excel write them: none is an as-of.
    for (const period of ['Uttrekk:;01.03.2022;-;31.03.2022;;', 'Uttrekk:;01.03.2022;31.03.2022', 'Uttrekk: 01.03.2022 t.o.m. 31.03.2022',
      'Uttrekk: 01.03.2022 — 31.03.2022', 'Uttrekk: 01.03.2022 31.03.2022', 'Uttrekk: 2022-03-01 - 2022-03-31']) {
      expect(asOfFromPreamble([period]), period).toBeUndefined();
    }
    // The label may end a longer word; an hour over 23 is not a time.
    expect(asOfFromPreamble(['Datauttrekk: 05.01.2023 07:15'])).toBe('05.01.2023 07:15');
    expect(asOfFromPreamble(['Utskriftsdato: 05.01.2023 24:00'])).toBe('05.01.2023');
  });
});

describe('isTotalsRow: the labels a totals row starts with', () => {
  it('knows Sum, Totalt, Total, Totalsum, Summer and their combinations, in any case, in the first non-empty cell', () => {
    for (const label of ['Sum', 'Totalt', 'Total', 'Totalsum', 'TOTALSUM', 'Sum totalt', 'Totalt sum', 'Summer', 'Totalsum:', 'Sum mars']) {
      expect(isTotalsRow([label, '', '12']), label).toBe(true);
      expect(isTotalsRow(['', ` ${label}`, '12']), label).toBe(true);
    }
  });

  it('passes over words that only begin like one, and ids', () => {
    for (const label of ['Sumatra', 'Summit', 'Totalisator', 'S123', 'T-1']) {
      expect(isTotalsRow([label, '', '12']), label).toBe(false);
    }
  });
});

const DIPS_PREAMBLE_LINES = ['Utskrivningsklare pasienter\r', 'Utskriftsdato: 05.01.2023 07:15\r'];

describe('findHeader: a file no profile fits is refused, saying how near it came', () => {
  const refusal = (lines: string[], profile?: string) => {
    try {
      findHeader('x.csv', lines, profile ? profileByName(profile) : undefined);
    } catch (e) {
      expect(e).toBeInstanceOf(RefusedFileError);
      return (e as RefusedFileError).message;
    }
    throw new Error('ikke avvist');
  };

  it('names the closest profile and the required columns it lacks, also when the header holds one or two known columns', () => {
    // Before: «fant ingen overskriftsrad …», naming nothing (fewer than two known columns of the profile that lacked fewest).
    expect(refusal(['Navn;Adresse;Postnr;Kommunenr;Beløp', 'Ola;Vei 1;9000;5401;100'])).toBe(
      'x.csv (linje 1): ingen profil passer. Nærmest er «faktura», men disse kolonnene mangler: Fakturanr, Fakturadato, Fra dato, Til dato, Antall døgn. '
      + 'Kolonnene «Navn», «Adresse», «Postnr» er ikke gjenkjent');
    // As many found in each (Fagområde): the one that lacks fewest.
    expect(refusal(['Navn;Fagområde', 'Ola;Somatikk'])).toBe(
      'x.csv (linje 1): ingen profil passer. Nærmest er «hnlis-hendelser», men disse kolonnene mangler: OppholdsID, Kommunenr, Tidspunkt, Hendelseskode eller Hendelse. '
      + 'Kolonnen «Navn» er ikke gjenkjent');
  });

  it('names the header cell that was probably meant beside the column it lacks, and the other cells it does not know', () => {
    // Before: «… mangler: Tidspunkt», and the user had to find «Tidspkt» in the header alone.
    const events = ['OppholdsID,Kommunenr,Fagomraade,Hendelseskode,Hendelse,Tidspkt,Uttrekk', 'S1,5401,Somatikk,2,,2023-01-10T10:00,'];
    expect(refusal(events)).toBe('x.csv (linje 1): ingen profil passer. Nærmest er «hnlis-hendelser», men disse kolonnene mangler: Tidspunkt (kolonnen «Tidspkt» ligner)');
    expect(refusal([`${events[0]},Merknad`, events[1]!])).toBe(
      'x.csv (linje 1): ingen profil passer. Nærmest er «hnlis-hendelser», men disse kolonnene mangler: Tidspunkt (kolonnen «Tidspkt» ligner). Kolonnen «Merknad» er ikke gjenkjent');
    // A choice of two: the cell near either is named with it; a cell cut short is near too.
    expect(refusal(['OppholdsID;Kommunenr;Fagomr.;Hendelseskod;Tidspunkt', 'S1;5401;Somatikk;2;10.01.2023 10:00'])).toBe(
      'x.csv (linje 1): ingen profil passer. Nærmest er «hnlis-hendelser», men disse kolonnene mangler: Fagomraade (kolonnen «Fagomr.» ligner), Hendelseskode eller Hendelse (kolonnen «Hendelseskod» ligner)');
    // The profile chosen with --profile: the same words after its own.
    expect(refusal([INVOICE_HEADER.replace('Fakturadato', 'Faktura dto'), 'F1;31.01.2023;5401;Tromsø;G1;Somatikk;01.01.2023;02.01.2023;2;5508;11016;Faktura'], 'faktura')).toBe(
      'x.csv (linje 1): filen passer ikke profilen «faktura» som er valgt: disse kolonnene mangler: Fakturadato (kolonnen «Faktura dto» ligner)');
  });

  it('masks a fødselsnummer in a header cell it names, and names at most ten', () => {
    const wide = ['Navn;Kommunenr;Beløp', ...Array.from({ length: 11 }, (_, i) => `Felt ${i + 1}`), FNR[0]].join(';');
    expect(refusal([wide, 'Ola;5401;100'])).toBe('x.csv (linje 1): ingen profil passer. Nærmest er «faktura», men disse kolonnene mangler: Fakturanr, Fakturadato, Fra dato, Til dato, Antall døgn. '
      + 'Kolonnene «Navn», «Felt 1», «Felt 2», «Felt 3», «Felt 4», «Felt 5», «Felt 6», «Felt 7», «Felt 8», «Felt 9» og 3 til er ikke gjenkjent');
    const short = refusal([`Navn;Kommunenr;Beløp;${FNR[0]}`, 'Ola;5401;100']);
    expect(short).toMatch(/Kolonnene «Navn», «\*{11}» er ikke gjenkjent$/);
    expect(short).not.toContain(FNR[0]);
  });

  it('takes the closest line among those searched, not the first with a known column', () => {
    const lines = ['Rapport', 'Avdeling;Medisin', 'Utskriftsdato: 05.01.2023', DIPS_HEADER.replace(';USK-døgn', ''), 'A1;1;5401;Tromsø;Somatikk;;;01.03.2022;;'];
    expect(refusal(lines)).toBe('x.csv (linje 4): ingen profil passer. Nærmest er «dips-usk», men disse kolonnene mangler: USK-døgn');
  });

  it('says so when the header stands below the allowed preamble', () => {
    const preamble = Array.from({ length: 11 }, (_, i) => `Utvalg ${i + 1}: alle`);
    expect(refusal([...preamble, '', INVOICE_HEADER, 'F1;31.01.2023;5401;Tromsø;G1;Somatikk;01.01.2023;02.01.2023;2;5508;11016;Faktura'])).toBe(
      'x.csv (linje 13): overskriftsraden for «faktura» står først på linje 13, etter 11 linjer som ikke er tomme: forventet høyst 10 linjer over overskriftsraden (rapporttittel, utskriftsdato, utvalg); fjern linjene over den som ikke trengs, og prøv igjen');
    // Ten lines above it are allowed.
    expect(findHeader('x.csv', [...preamble.slice(1), INVOICE_HEADER]).line).toBe(11);
    // With --profile, a header of that profile.
    expect(refusal([...preamble, DIPS_HEADER], 'dips-usk')).toMatch(/^x\.csv \(linje 12\): overskriftsraden for «dips-usk» står først på linje 12, etter 11 linjer/);
  });

  it('names the columns each profile requires when no line holds a single known column, rather than guess a nearest', () => {
    expect(refusal(['foo;bar;baz', '1;2;3'])).toBe('x.csv: fant ingen overskriftsrad som passer en kjent profil blant de første 11 linjene: ingen av kolonnenavnene er kjent '
      + '(forventet for dips-usk: Oppholds-ID, Fødselsnummer, Kommunenr, Fagområde, Utskrivningsklar, USK-døgn; '
      + 'for hnlis-hendelser: OppholdsID, Kommunenr, Fagomraade, Tidspunkt, Hendelseskode eller Hendelse; '
      + 'for faktura: Fakturanr, Fakturadato, Kommunenr, Fra dato, Til dato, Antall døgn, Beløp)');
    expect(refusal(['foo;bar;baz'], 'faktura')).toBe('x.csv: filen passer ikke profilen «faktura» som er valgt: fant ingen overskriftsrad for den blant de første 11 linjene '
      + '(forventet kolonnene Fakturanr, Fakturadato, Kommunenr, Fra dato, Til dato, Antall døgn, Beløp)');
  });

  it('reads a header over two lines when a quoted cell holds a line break (Alt+Enter), the break as a space', () => {
    // Each quoted cell opens on one line and closes on the next: three lines, the first data line after them.
    const found = findHeader('x.csv', [...DIPS_PREAMBLE_LINES, `${DIPS_HEADER.replace('USK-døgn', '"Antall USK-')}\r`, 'døgn"\r', 'A1;1;5401\r']);
    expect(found).toMatchObject({ line: 3, span: 2, delimiter: ';' });
    expect(found.cells.at(-1)).toBe('Antall USK- døgn');
    expect(found.match.columns.get('usk_days')).toBe(9);
    // Two cells with a break: the record runs on until every quote is closed.
    expect(findHeader('x.csv', [...DIPS_PREAMBLE_LINES, '"Oppholds-\r', 'ID";Fødselsnummer;Kommunenr;Fagområde;"Av-\r', 'deling";Utskrivningsklar;USK-døgn\r']))
      .toMatchObject({ line: 3, span: 3, cells: ['Oppholds- ID', 'Fødselsnummer', 'Kommunenr', 'Fagområde', 'Av- deling', 'Utskrivningsklar', 'USK-døgn'] });
  });

  it('a stray quote in the preamble does not take the header into it', () => {
    expect(findHeader('x.csv', ['Utvalg: "Medisin; alle', DIPS_HEADER, 'A1;1;5401'])).toMatchObject({ line: 2, span: 1, preamble: ['Utvalg: "Medisin; alle'] });
  });

  it('refuses a header whose quote is never closed, or closed only in a row, naming the cell', () => {
    expect(refusal([DIPS_HEADER.replace('Fagområde', '"Fagområde'), 'A1;1;5401'])).toBe('x.csv (linje 1): overskriftsraden har et anførselstegn (") foran «Fagområde» (kolonne 5) '
      + 'som aldri lukkes, så resten av filen ville blitt lest som en del av overskriften: lukk anførselstegnet i overskriften (eller fjern det) og prøv igjen');
    expect(refusal([DIPS_HEADER.replace('Fagområde', '"Fagområde'), 'A1;1;5401;"Tromsø";Somatikk'])).toMatch(/^x\.csv \(linje 1\): overskriftsraden har et anførselstegn \("\) foran «Fagområde» \(kolonne 5\)/);
  });

  it('reads a line without a delimiter as one column: a one-column file is near a profile too', () => {
    expect(refusal(['Fakturanr', 'F1'])).toBe('x.csv (linje 1): ingen profil passer. Nærmest er «faktura», men disse kolonnene mangler: Fakturadato, Kommunenr, Fra dato, Til dato, Antall døgn, Beløp');
  });
});
