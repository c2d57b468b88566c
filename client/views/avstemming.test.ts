import { describe, expect, it } from 'vitest';
import { BRIDGE_CATEGORIES } from '../../pipelines/query/categories.ts';
import { ExportParams, LineExportParams } from '../../server/schemas.ts';
import { periodsBetween } from '../shape/months.ts';
import { sumColumns } from '../shape/totals.ts';
import type { Meta } from '../api/schemas.ts';
import { parseState, shownInstead } from '../state/url.ts';
import { askedStay, avstemmingAccess, defaultPeriod, exportUrl, lastMonthWithRows, monthRows, pinStay, shownDayCols, staysWithheld } from './avstemming.ts';
import type { Ctx } from './context.ts';

const SUMMED = ['registrert', ...BRIDGE_CATEGORIES, 'timebasert', 'fakturert', 'differanse', 'belop', 'forventet_belop'] as const;
const row = (periode: string, registrert: number, fakturert: number) => ({
  periode, registrert, avvik_dips: 0, uten_tidspunkt: 0, ikke_betalingsplikt: 0, ikke_varslet: 0, kommune_klar: registrert, forste_dogn: 0, under_terskel: 0,
  betalbar: 0, timebasert: 0, fakturert, differanse: fakturert, belop: fakturert * 5306, forventet_belop: 0,
});
const data = periodsBetween('2019-01', '2025-01');
const RATE_YEARS = [2012, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025];

describe('Avstemming: månedstabellen', () => {
  it('has every month of the period, a month without days as zeros (Kvæfjord 2022: september), and the same total', () => {
    const rows = ['01', '02', '03', '04', '05', '06', '07', '08', '10', '11', '12'].map((m, i) => row(`2022-${m}`, i + 1, i % 2));
    const shown = monthRows(rows, '2022-01', '2022-12', data, RATE_YEARS);
    expect(shown.map((r) => r.periode)).toEqual(periodsBetween('2022-01', '2022-12'));
    expect(shown[8]).toEqual({ periode: '2022-09', ...Object.fromEntries(SUMMED.map((c) => [c, 0])) });
    expect(sumColumns(shown, SUMMED)).toEqual(sumColumns(rows, SUMMED));
  });
  it('a month without days in a year without a rate has no expected amount, not 0 (2013)', () => {
    const shown = monthRows([row('2013-01', 2, 0), row('2014-03', 1, 0)], '2013-01', '2014-03', periodsBetween('2012-12', '2014-03'), RATE_YEARS);
    expect(shown.find((r) => r.periode === '2013-02')?.forventet_belop).toBeNull();
    expect(shown.find((r) => r.periode === '2014-02')?.forventet_belop).toBe(0);
  });
  it('a year without a rate and without days adds nothing: its months are 0 kr and the total is the same (2026 before its rate is entered)', () => {
    const rows = [row('2025-12', 3, 3)];
    const shown = monthRows(rows, '2025-11', '2026-02', periodsBetween('2019-01', '2026-02'), RATE_YEARS);
    expect(shown.map((r) => [r.periode, r.forventet_belop])).toEqual([['2025-11', 0], ['2025-12', 0], ['2026-01', 0], ['2026-02', 0]]);
    expect(sumColumns(shown, SUMMED)).toEqual(sumColumns(rows, SUMMED));
  });
  it('stops at the data\'s last month', () => {
    expect(monthRows([row('2024-12', 3, 0)], '2024-11', '2025-12', data, RATE_YEARS).map((r) => r.periode)).toEqual(['2024-11', '2024-12', '2025-01']);
  });
  it('the last month a municipality has rows in (for the note when the period has none)', () => {
    expect(lastMonthWithRows([{ periode: '2019-11' }, { periode: '2019-03' }])).toBe('2019-11');
    expect(lastMonthWithRows([])).toBeUndefined();
  });
});

describe('Avstemming: oppholdet et funn lenker til', () => {
  const a = { stay_id: 'a' }, b = { stay_id: 'b' }, c = { stay_id: 'c' };
  it('comes first, the rest in their order', () => {
    expect(pinStay([a, b, c], [a, b, c], 'c')).toEqual([c, a, b]);
    expect(pinStay([a, b, c], [a, b, c], undefined)).toEqual([a, b, c]);
  });
  it('is shown even when the filter would leave it out; an id not there changes nothing', () => {
    expect(pinStay([a, c], [a, b, c], 'b')).toEqual([b, a, c]);
    expect(pinStay([a, c], [a, b, c], 'x')).toEqual([a, c]);
  });
  it('not among the stays, leaves the address (the page says it was not found); found, or none asked, the address stays', () => {
    const rows = [{ stay_id: 'X1' }, { stay_id: 'X2' }, { stay_id: null }];
    // What the address is made to say (main.ts ctx.shows): shownInstead of what the view shows.
    const address = (search: string, stays: typeof rows) => {
      const asked = parseState(search);
      const { found, shown } = askedStay(asked.stay, stays);
      return { found, instead: shownInstead(asked, shown) };
    };
    expect(address('?vis=avstemming&opphold=X9', rows)).toStrictEqual({ found: false, instead: { stay: undefined } });
    expect(address('?vis=avstemming&opphold=X9', [])).toStrictEqual({ found: false, instead: { stay: undefined } });
    expect(address('?vis=avstemming&opphold=X2', rows)).toStrictEqual({ found: true, instead: {} });
    expect(address('?vis=avstemming', rows)).toStrictEqual({ found: false, instead: {} });
  });
});

describe('Avstemming: månedstabellens kolonner', () => {
  it('shows «Før betalingsplikt» only when the selection has such days (or they are suppressed)', () => {
    expect(shownDayCols({ ikke_betalingsplikt: 0 })).not.toContain('ikke_betalingsplikt');
    expect(shownDayCols({ ikke_betalingsplikt: 0 })).toEqual(['registrert', ...BRIDGE_CATEGORIES.filter((c) => c !== 'ikke_betalingsplikt')]);
    expect(shownDayCols({ ikke_betalingsplikt: 2 })).toEqual(['registrert', ...BRIDGE_CATEGORIES]);
    expect(shownDayCols({ ikke_betalingsplikt: null })).toContain('ikke_betalingsplikt');
  });
});

describe('Avstemming: nedlastingene', () => {
  const q = { rules: 'fakturagrunnlag', minHours: 6, firstDayFree: false, fagomrade: 'somatikk', group: 'current', kommune: '1806', from: '2022-01', to: '2022-12' };
  const params = (href: string) => Object.fromEntries(new URL(href, 'http://x').searchParams);
  const analytiker = { id: 'local:kari', name: 'Kari', role: 'analytiker' as const };

  it('give the invoice lines and the rejected rows as CSV for the same selection as the reconciliation CSV', () => {
    const links = avstemmingAccess(q, analytiker).files.filter((f) => /invoices|rejects/.test(f.href));
    expect(links.map((l) => [l.label, new URL(l.href, 'http://x').pathname])).toEqual([
      ['Last ned fakturalinjer (CSV)', '/api/exports/invoices'],
      ['Last ned avviste rader (CSV)', '/api/exports/rejects'],
    ]);
    const csv = params(exportUrl('reconciliation', q, 'csv'));
    expect(csv).toEqual({ rules: 'fakturagrunnlag', minHours: '6', firstDayFree: 'false', fagomrade: 'somatikk', group: 'current', kommune: '1806', from: '2022-01', to: '2022-12', by: 'month', format: 'csv' });
    for (const l of links) expect(params(l.href)).toEqual(csv);
    // The server's own schema takes them (a strict one: a parameter it does not know is a 400).
    for (const l of links) expect(LineExportParams.safeParse(params(l.href)).success).toBe(true);
    expect(links.some((l) => /publisering/.test(l.href))).toBe(false);
  });
  it('give an analytiker the reconciliation as XLSX (made in full first: a busy link) and CSV, then the per-line files', () => {
    const files = avstemmingAccess(q, analytiker).files;
    expect(files.map((f) => [f.testid, f.label, new URL(f.href, 'http://x').pathname, params(f.href).format, f.busy ?? false])).toEqual([
      ['download-xlsx', 'Last ned XLSX', '/api/exports/reconciliation', 'xlsx', true],
      ['download-csv', 'Last ned CSV', '/api/exports/reconciliation', 'csv', false],
      ['download-invoices-csv', 'Last ned fakturalinjer (CSV)', '/api/exports/invoices', 'csv', false],
      ['download-rejects-csv', 'Last ned avviste rader (CSV)', '/api/exports/rejects', 'csv', false],
    ]);
    for (const f of files.slice(0, 2)) expect(ExportParams.safeParse(params(f.href)).success).toBe(true);
  });
  it('give an analytiker and an admin the files and the stays; a leser neither (the server refuses them every export and /api/stays), nor whom the session did not name', () => {
    expect(avstemmingAccess(q, { ...analytiker, role: 'admin' })).toMatchObject({ stays: true, files: { length: 4 } });
    expect(avstemmingAccess(q, analytiker).stays).toBe(true);
    expect(avstemmingAccess(q, { ...analytiker, role: 'leser' })).toEqual({ files: [], stays: false });
    expect(avstemmingAccess(q, null)).toEqual({ files: [], stays: false });
  });
  it('tell a leser in a sentence that the stays need the role analytiker, instead of an error', () => {
    expect(staysWithheld({ ...analytiker, role: 'leser' })).toBe('Listen over oppholdene bak tallene, opphold for opphold, krever rollen analytiker.');
    expect(staysWithheld(null)).toMatch(/fikk ikke svar på hvem som er logget inn/);
  });
});

describe('Avstemming: perioden som vises', () => {
  const meta = {
    months: periodsBetween('2019-01', '2025-01'), asOf: { periods: '2025-01-05T00:00', events: null, invoices: null },
    kommuner: [{ kommunenr: '5501', navn: 'Tromsø', current_nr: '5501', current_navn: 'Tromsø', valid_from: 2024, valid_to: null }],
  } as unknown as Meta;
  const shown = (search: string) => defaultPeriod({ meta, state: parseState(search) } as Ctx);

  it('is the whole period for a period wholly outside the data, as in Kommuner, said in a note: both pickers showed januar 2019 (they have no 2030) beside a heading for januar–juni 2030', () => {
    expect(shown('?vis=avstemming&kommune=5501&fra=2030-01&til=2030-06')).toEqual({ kommune: '5501', from: '2019-01', to: '2024-12', note: 'Dataene går fra januar 2019 til januar 2025; viser hele perioden.' });
    expect(shown('?vis=avstemming&fra=2010-01&til=2012-12')).toMatchObject({ from: '2019-01', to: '2024-12' });
    // Fra alone past the data: the default Til (the last complete year's end) came before it.
    expect(shown('?vis=avstemming&fra=2030-01')).toMatchObject({ from: '2019-01', to: '2024-12' });
  });
  it('moves an end past the data inside them, and is the last complete year when none is asked', () => {
    expect(shown('?vis=avstemming&fra=2018-01&til=2019-06')).toEqual({ kommune: '5501', from: '2019-01', to: '2019-06', note: 'Dataene går fra januar 2019 til januar 2025; viser januar 2019–juni 2019.' });
    expect(shown('?vis=avstemming')).toEqual({ kommune: '5501', from: '2024-01', to: '2024-12' });
  });
});
