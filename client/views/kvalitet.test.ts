import { describe, expect, it } from 'vitest';
import { findingKinds, forbiddenAsNull, routineGroups, splitFindings } from './kvalitet.ts';
import { ApiError } from '../api/client.ts';

describe('Datakvalitet: findings', () => {
  it('puts the serious findings first and the routine recodings apart', () => {
    const all = [
      { code: 'kommunenr-utenfor-gyldighet', severity: 'advarsel' as const },
      { code: 'null-lengde', severity: 'info' as const },
      { code: 'dips-avvik', severity: 'advarsel' as const },
      { code: 'x', severity: 'feil' as const },
    ];
    const { main, routine } = splitFindings(all);
    expect(main.map((f) => f.code)).toEqual(['x', 'dips-avvik', 'null-lengde']);
    expect(routine).toHaveLength(1);
  });

  it('counts the routine recodings per message, without file and line', () => {
    const groups = routineGroups([
      { message: 'hnlis-hendelser-2020-01.csv, linje 841: Kommunenr 1902 (Tromsø) var ikke gyldig i 2020; regnes som 5501 Tromsø' },
      { message: 'hnlis-hendelser-2020-02.csv, linje 16, «Kommunenr»: Kommunenr 1902 (Tromsø) var ikke gyldig i 2020; regnes som 5501 Tromsø' },
      { message: 'faktura-2024.csv, linje 3: Kommunenr 1805 (Narvik) var ikke gyldig i 2020; regnes som 1806 Narvik' },
    ]);
    expect(groups).toEqual([
      { message: 'Kommunenr 1902 (Tromsø) var ikke gyldig i 2020; regnes som 5501 Tromsø', count: 2, files: ['hnlis-hendelser-2020-01.csv', 'hnlis-hendelser-2020-02.csv'] },
      { message: 'Kommunenr 1805 (Narvik) var ikke gyldig i 2020; regnes som 1806 Narvik', count: 1, files: ['faktura-2024.csv'] },
    ]);
  });
});

describe('Datakvalitet: the kinds of findings to choose from', () => {
  it('counts each code once, under its title, the most first', () => {
    const f = (code: string, title: string) => ({ code, title });
    expect(findingKinds([f('etter-uttrekket', 'Hendelse etter uttrekket'), f('faktura-belop', 'Beløp'), f('etter-uttrekket', 'Hendelse etter uttrekket')]))
      .toEqual([{ code: 'etter-uttrekket', title: 'Hendelse etter uttrekket', count: 2 }, { code: 'faktura-belop', title: 'Beløp', count: 1 }]);
  });
});

describe('Datakvalitet: a section the user may not see', () => {
  it('says no access only for a 403; a server error or a network failure is not passed off as one', () => {
    expect(forbiddenAsNull(new ApiError('Krever rollen analytiker', 403))).toBeNull();
    const down = new ApiError('Intern feil', 500);
    expect(() => forbiddenAsNull(down)).toThrow(down);
    expect(() => forbiddenAsNull(new TypeError('Failed to fetch'))).toThrow('Failed to fetch');
  });
});
