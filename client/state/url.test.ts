import { describe, expect, it } from 'vitest';
import { DEFAULTS, parseState, shownInstead, shownSearch, toSearch, withChanges } from './url.ts';

describe('URL state', () => {
  it('defaults give an empty query string', () => {
    expect(parseState('')).toEqual(DEFAULTS);
    expect(toSearch(DEFAULTS)).toBe('');
  });

  it('round-trips every filter', () => {
    const s = withChanges(DEFAULTS, {
      view: 'avstemming', month: '2022-12', kommune: '5501', kommuner: ['5501', '5503'], from: '2022-01', to: '2022-12',
      fagomrade: 'somatikk', by: 'month', group: 'registered', rules: 'dips', minHours: 4.5, firstDayFree: false, top: 10, slide: 2, page: 3,
      stayOrder: 'ikke-betalbar', onlyDifferent: true,
    });
    expect(toSearch(s)).toContain('side=3');
    expect(toSearch(s)).toContain('rekkefolge=ikke-betalbar&bare=differanse');
    const search = toSearch(s);
    expect(search).toContain('kommuner=5501,5503');
    expect(search).toContain('timer=4.5');
    expect(parseState(search)).toEqual(s);
  });

  it('knows a view by its full name, as the menu says it (vis=datakvalitet)', () => {
    expect(parseState('?vis=datakvalitet').view).toBe('kvalitet');
    expect(parseState('?vis=m%C3%A5nedsoversikt').view).toBe('oversikt');
    expect(toSearch(parseState('?vis=datakvalitet'))).toBe('?vis=kvalitet');
  });

  it('takes what the API takes: a rule set by its id (not id@N, which the dashboard cannot show), and no stay id that looks like a fødselsnummer', () => {
    expect(parseState('?regelsett=min-terskel').rules).toBe('min-terskel');
    expect(parseState('?regelsett=fakturagrunnlag@2').rules).toBe('fakturagrunnlag');
    expect(parseState('?opphold=A-17').stay).toBe('A-17');
    expect(parseState('?opphold=07905049806').stay).toBeUndefined(); // a valid fødselsnummer (control digits)
  });

  it('ignores malformed values instead of failing', () => {
    const s = parseState('?vis=hack&maned=2022-13&kommune=55&timer=99&regelsett=DROP%20TABLE&topp=0&fra=2023-01&til=2022-01');
    expect(s.view).toBe('oversikt');
    expect(s.month).toBeUndefined();
    expect(s.kommune).toBeUndefined();
    expect(s.minHours).toBeUndefined();
    expect(s.rules).toBe('fakturagrunnlag');
    expect(s.top).toBe(15);
    expect(parseState('?side=0').page).toBe(1);
    expect(parseState('?side=-2').page).toBe(1);
    expect(parseState('?side=abc').page).toBe(1);
    expect(s.from).toBe('2023-01');
    expect(s.to).toBeUndefined();
  });

  it('keeps a stay id (opphold) only when the API would accept it, never one that looks like a fødselsnummer', () => {
    expect(parseState('?vis=avstemming&opphold=41583409').stay).toBe('41583409');
    expect(parseState('?opphold=DIPS:41583409-2').stay).toBe('DIPS:41583409-2');
    expect(parseState('?opphold=a%20b').stay).toBeUndefined();
    expect(parseState(`?opphold=${'x'.repeat(65)}`).stay).toBeUndefined();
    expect(parseState('?opphold=07905049806').stay).toBeUndefined(); // a synthetic fødselsnummer: not kept
    expect(toSearch(withChanges(DEFAULTS, { view: 'avstemming', stay: '49999991' }))).toBe('?vis=avstemming&opphold=49999991');
  });

  it('accepts a decimal comma for the hour threshold', () => {
    expect(parseState('?timer=2,5').minHours).toBe(2.5);
  });

  it('withChanges removes fields set to undefined', () => {
    const s = withChanges(withChanges(DEFAULTS, { minHours: 3 }), { minHours: undefined });
    expect('minHours' in s).toBe(false);
  });
});

describe('the address says what is shown', () => {
  // Every parameter parseState reads, with a value it does not take.
  const ignored: [string, string][] = [
    ['vis', 'hack'], ['maned', '2024-13'], ['kommune', '55'], ['kommuner', '55,abc'], ['fra', '2024-1'], ['til', '2024-00'],
    ['fagomrade', 'rus'], ['per', 'uke'], ['gruppering', 'fylke'], ['regelsett', 'DROP TABLE'], ['timer', '99'], ['forstedogn', 'kanskje'],
    ['topp', '0'], ['lysbilde', '22'], ['side', '0'], ['rekkefolge', 'navn'], ['bare', 'alle'], ['opphold', '07905049806'], ['funn', 'IKKE ET FUNN'],
  ];
  it.each(ignored)('leaves out %s=%s, which the views ignore (they show the default)', (name, value) => {
    const kept = name === 'per' ? 'topp=10' : 'per=maned';
    expect(shownSearch(`?${kept}&${name}=${encodeURIComponent(value)}`)).toBe(`?${kept}`);
  });

  it('writes a value as the dashboard reads it, and a Til before Fra not at all', () => {
    expect(shownSearch('?vis=datakvalitet')).toBe('?vis=kvalitet');
    expect(shownSearch('?timer=2,5')).toBe('?timer=2.5');
    expect(shownSearch('?fra=2024-05&til=2024-01')).toBe('?fra=2024-05');
    expect(shownSearch('?vis=oversikt&topp=15')).toBe('');
  });

  it('leaves an address the dashboard wrote alone (null: nothing to replace)', () => {
    expect(shownSearch('')).toBeNull();
    const s = withChanges(DEFAULTS, { view: 'avstemming', kommune: '5501', from: '2022-01', to: '2022-12', minHours: 4.5, page: 2, stay: '41583409' });
    expect(shownSearch(toSearch(s))).toBeNull();
  });

  it('names what a view shows in place of what was asked: a month the data do not have, an old municipality number, a period moved inside the data', () => {
    expect(shownSearch('?maned=2030-01', { month: undefined })).toBe('');
    const asked = parseState('?vis=avstemming&kommune=1902&fra=2018-01');
    const shown = shownInstead(asked, { kommune: '5501', from: '2019-01', to: '2019-12' });
    // Til was the view's default (absent), and stays so.
    expect(shown).toStrictEqual({ kommune: '5501', from: '2019-01' });
    expect(shownSearch('?vis=avstemming&kommune=1902&fra=2018-01', shown)).toBe('?vis=avstemming&kommune=5501&fra=2019-01');
    // Kommuner shows the whole period for one wholly outside the data: both ends leave the address.
    const whole = shownInstead(parseState('?vis=kommuner&fra=2030-01&til=2030-06'), { from: undefined, to: undefined });
    expect(shownSearch('?vis=kommuner&fra=2030-01&til=2030-06', whole)).toBe('?vis=kommuner');
    expect(shownInstead(parseState('?fra=2019-02'), { from: '2019-02', to: '2019-12' })).toStrictEqual({});
  });
});
