import { describe, expect, it } from 'vitest';
import type { StayRow } from '../../pipelines/query/contract.ts';
import { orderStays, STAY_ORDER_LABEL, stayDatesText, stayOrderLabels, stayText } from './stays.ts';

const stay = (stay_id: string | null, registrert: number, betalbar: number, fakturert: number, extra: Partial<StayRow> = {}): StayRow => ({
  stay_id, kommunenr: '5501', kommune: 'Tromsø', fagomrade: 'somatikk', periode: '2023-03–2023-03', dips_dogn: null,
  usk_fra: '2023-03-02', usk_til: '2023-03-14', opphold_fra: '2023-03-02', opphold_til: '2023-03-14', fakturanr: '',
  registrert, avvik_dips: 0, uten_tidspunkt: 0, ikke_betalingsplikt: 0, ikke_varslet: 0, kommune_klar: 0, forste_dogn: registrert - betalbar, under_terskel: 0, betalbar,
  timebasert: betalbar * 0.9, fakturert, differanse: fakturert - betalbar, belop: 0, forventet_belop: 0, pagaende: false, status: 'ok', ...extra,
});

describe('order of the stays behind Avstemming', () => {
  const rows = [
    stay('a', 9, 2, 2), // 7 not payable, no difference
    stay('b', 5, 5, 5),
    stay('49999991', 0, 0, 2, { status: 'ukjent-opphold' }), // the invoice behind a +2 difference
    stay(null, 0, 0, 1), // an invoice line without any stay id: no strip to show
    stay('c', 4, 3, 2, { status: 'differanse' }),
  ];
  it('by default, the stays behind the difference first (largest |differanse|), then days not payable, then id', () => {
    expect(orderStays(rows, 'differanse').map((r) => r.stay_id)).toEqual(['49999991', 'c', 'a', 'b']);
  });
  it('or by days not payable; or only the stays with a difference', () => {
    expect(orderStays(rows, 'ikke-betalbar').map((r) => r.stay_id)).toEqual(['a', 'c', '49999991', 'b']);
    expect(orderStays(rows, 'differanse', true).map((r) => r.stay_id)).toEqual(['49999991', 'c']);
  });
});

describe('a stay in words', () => {
  it('names its own care area and its status, in Norwegian, and the difference with a sign', () => {
    expect(stayText(stay('49999991', 0, 0, 2, { status: 'ukjent-opphold', fagomrade: 'psykisk-helsevern', usk_fra: null, usk_til: null, opphold_fra: null, opphold_til: null, fakturanr: '202301234' })))
      .toBe('Opphold 49999991 · psykisk helsevern · Ukjent opphold · registrert 0, betalbar 0, fakturert 2, differanse +2 · faktura 202301234');
    expect(stayText(stay('a', 3, 3, 3, { status: 'ikke-fakturert', fagomrade: 'tsb', pagaende: true })))
      .toBe('Opphold a · TSB · Ikke fakturert · registrert 3, betalbar 3, fakturert 3 · USK fra 02.03.2023 · ingen faktura · pågående');
  });
  it('counts an amount off at agreed days as a difference: kept by «bare differanse», right after the day differences', () => {
    const rows = [stay('a', 5, 5, 5), stay('m', 5, 5, 5, { status: 'belopsavvik' }), stay('c', 4, 3, 2, { status: 'differanse' })];
    expect(orderStays(rows, 'differanse').map((r) => r.stay_id)).toEqual(['c', 'm', 'a']);
    expect(orderStays(rows, 'differanse', true).map((r) => r.stay_id)).toEqual(['c', 'm']);
  });
  it('for an amount off at agreed days, the amount invoiced and the amount expected', () => {
    expect(stayText(stay('T1', 3, 3, 3, { status: 'belopsavvik', belop: 15918, forventet_belop: 16524 })))
      .toBe('Opphold T1 · somatikk · Beløpsavvik · registrert 3, betalbar 3, fakturert 3, beløp 15\u00a0918\u00a0kr (forventet 16\u00a0524\u00a0kr) · USK 02.03.2023–14.03.2023 · ingen faktura');
  });
  it('under an hour-based headline, the hour-based days with one decimal', () => {
    expect(stayText(stay('b', 5, 5, 4, { timebasert: 4.25 }), 'timebasert')).toBe('Opphold b · somatikk · OK · registrert 5, betalbar 5, timebasert 4,3, fakturert 4, differanse \u22121 · USK 02.03.2023–14.03.2023 · ingen faktura');
  });
  it('under a rule set that deducts nothing (DIPS), does not call the whole days payable, nor the orders', () => {
    expect(stayText(stay('d', 6, 5, 6, { status: 'differanse' }), 'betalbar', false))
      .toBe('Opphold d · somatikk · Differanse · registrert 6, regelsettets 5, fakturert 6, differanse +1 · USK 02.03.2023–14.03.2023 · ingen faktura');
    expect(stayOrderLabels(true)).toEqual(STAY_ORDER_LABEL);
    expect(Object.values(stayOrderLabels(false)).join(' ')).not.toMatch(/betalbar/);
    expect(Object.keys(stayOrderLabels(false))).toEqual(Object.keys(STAY_ORDER_LABEL));
  });
  it('with its USK dates (nb-NO) and its invoice numbers, to check against an invoice', () => {
    expect(stayDatesText({ usk_fra: '2022-03-02', usk_til: '2022-03-14', opphold_fra: '2022-03-02', opphold_til: '2022-03-14', fakturanr: '202201234, 202201301', pagaende: false }))
      .toBe('USK 02.03.2022–14.03.2022 · faktura 202201234, 202201301');
    expect(stayDatesText({ usk_fra: '2022-03-02', usk_til: '2022-03-02', opphold_fra: '2022-03-02', opphold_til: '2022-03-02', fakturanr: '', pagaende: false })).toBe('USK 02.03.2022 · ingen faktura');
    // A stay that began before the selected month: its whole span, and the part in the period.
    expect(stayDatesText({ usk_fra: '2023-01-01', usk_til: '2023-01-10', opphold_fra: '2022-12-20', opphold_til: '2023-01-10', fakturanr: '', pagaende: false }))
      .toBe('USK 20.12.2022–10.01.2023, i perioden 01.01.2023–10.01.2023 · ingen faktura');
  });
});
