import { describe, expect, it } from 'vitest';
import { lackingColumns, matchProfile, profileByName } from './index.ts';
import { headerDistance, missingColumns, nearColumns, nearness, unreadCells } from './near-match.ts';

const faktura = profileByName('faktura')!;
const hnlis = profileByName('hnlis-hendelser')!;
const dips = profileByName('dips-usk')!;

describe('nearness: a header cell named almost like a column', () => {
  it('counts edits after the header matcher\'s own normalisation, a swap of two letters as one', () => {
    expect(headerDistance('Fagomrde', 'Fagområde')).toBe(1);
    expect(headerDistance('FAGOMRÅDE', 'fag-omraade')).toBe(0);
    expect(headerDistance('Tidspkt', 'Tidspunkt')).toBe(2);
    expect(headerDistance('Tdispunkt', 'Tidspunkt')).toBe(1);
    expect(headerDistance('Antal døgn', 'ANTALL DOEGN')).toBe(1);
  });

  it('takes typos and cut-off names as near, other words not', () => {
    const near: Array<[string, string]> = [
      ['Fagomrde', 'Fagområde'], ['Tidspkt', 'Tidspunkt'], ['Uttrek', 'Uttrekk'], ['Uttrekstidspunkt', 'Uttrekkstidspunkt'],
      ['Kommunr', 'Kommunenr'], ['Tpye', 'Type'], ['Fagomr.', 'Fagområde'], ['Uttrekkstidsp', 'Uttrekkstidspunkt'],
      ['Uttrekksdato', 'Uttrekk'], ['Utskrevet dato', 'Utskrevet'], ['Avdelingsnavn', 'Avdeling'],
    ];
    for (const [cell, name] of near) expect(nearness(cell, name), `${cell} ~ ${name}`).toBeDefined();
    const far: Array<[string, string]> = [
      // Two letters from Utdato, but a word of its own; one letter from Fnr; a postcode is no Post.
      ['Dato', 'Utdato'], ['Nr', 'Fnr'], ['Sun', 'Sum'], ['Postnr', 'Post'], ['Kunde nr', 'Kunde'],
      ['Merknad', 'Kommune'], ['Navn', 'Kunde'], ['Fakturert', 'Fakturanr'], ['Utsk', 'Utskrevet'],
      ['Beløp eks. mva', 'Beløp'], ['Utskrivningsklar kl.', 'Utskrivningsdato'], ['Utskrivningsklar kl.', 'Utskrevet'],
    ];
    for (const [cell, name] of far) expect(nearness(cell, name), `${cell} ~ ${name}`).toBeUndefined();
    // A typo that fits better ranks before a cut-off name.
    expect(nearness('Fagomr', 'Fagområde')).toBe(2.5);
    expect(nearness('Fagomrde', 'Fagområde')).toBe(1);
  });
});

describe('nearColumns: which column an unread cell probably meant', () => {
  it('names the nearest missing column, and the name of it the cell is near (an alias as well as the header)', () => {
    const cells = ['Fakturanr', 'Fakturadato', 'Kommunenr', 'Fagomrde', 'Fra dato', 'Til dato', 'Antall døgn', 'Beløp', 'Bilagstyp', 'Merknad'];
    const match = matchProfile(faktura, cells);
    expect(match.missing).toEqual([]);
    expect(nearColumns(match, cells, missingColumns(match)).map((n) => [cells[n.cell], n.column.key, n.name])).toEqual([
      ['Fagomrde', 'fagomrade', 'Fagområde'], ['Bilagstyp', 'line_type', 'Bilagstype'],
    ]);
  });

  it('passes over cells the profile reads, a column named twice and a patient column, and names only the candidates given', () => {
    const cells = ['OppholdsID', 'Kommunenr', 'Fagomraade', 'Fagområde', 'Hendelseskode', 'Tidspunkt', 'Personnr', 'Uttrek', '', 'Tidspkt'];
    const match = matchProfile(hnlis, cells);
    expect(unreadCells(match, cells).map((i) => cells[i])).toEqual(['Uttrek', 'Tidspkt']);
    // Tidspunkt is there: a cell like it is no missing column.
    expect(nearColumns(match, cells, missingColumns(match)).map((n) => [cells[n.cell], n.column.key])).toEqual([['Uttrek', 'as_of']]);
    expect(nearColumns(match, cells, [])).toEqual([]);
  });

  it('names each mistyped optional column of a DIPS report by the column it is near', () => {
    const cells = ['Oppholds-ID', 'Fødselsnummer', 'Kommunenr', 'Fagområde', 'Utskrivningsklar', 'USK-døgn', 'Innlagtt', 'Utskrevt'];
    const match = matchProfile(dips, cells);
    expect(nearColumns(match, cells, missingColumns(match)).map((n) => [cells[n.cell], n.column.key, n.name])).toEqual([
      ['Innlagtt', 'admitted', 'Innlagt'], ['Utskrevt', 'discharged', 'Utskrevet'],
    ]);
  });
});

describe('lackingColumns: the required columns a header lacks, with the columns each stands for', () => {
  it('is HeaderMatch.missing, a choice with both its columns', () => {
    const match = matchProfile(hnlis, ['OppholdsID', 'Kommunenr', 'Fagomraade']);
    const lacking = lackingColumns(match);
    expect(lacking.map((l) => l.name)).toEqual(match.missing);
    expect(lacking.map((l) => l.columns.map((c) => c.key))).toEqual([['at_local'], ['code', 'event_text']]);
  });
});
