/**
 * The order and the one-line description of Avstemming's stays. By default the stays that explain
 * the difference between invoiced and payable days come first (largest |differanse|), so an invoice
 * line without a known stay is on page 1, not last on page 6.
 */
import { formatDate, formatInteger, formatKroner } from '../../pipelines/format/index.ts';
import type { StayRow } from '../../pipelines/query/contract.ts';
import { formatMeasure, type Headline } from './headline.ts';
import type { StayOrder } from '../state/url.ts';
import { careAreaText, STAY_STATUS_LABEL } from './labels.ts';

export type { StayOrder };

export const STAY_ORDER_LABEL: Record<StayOrder, string> = {
  'differanse': 'Størst differanse (fakturert − betalbart) først',
  'ikke-betalbar': 'Flest døgn som ikke er betalbare først',
};

/**
 * The orders by name; `payable` false for a rule set that deducts nothing (DIPS, deductsDays): it
 * does not call its days payable, so they are «regelsettets døgn» (as trioText names them) and the
 * rest are days it does not count. The URL's slugs stay as they are.
 */
export function stayOrderLabels(payable: boolean): Record<StayOrder, string> {
  return payable ? STAY_ORDER_LABEL : {
    'differanse': 'Størst differanse (fakturert − regelsettets døgn) først',
    'ikke-betalbar': 'Flest døgn som regelsettet ikke teller først',
  };
}

type Sortable = Pick<StayRow, 'stay_id' | 'registrert' | 'betalbar' | 'differanse'> & Partial<Pick<StayRow, 'status'>>;

const notPayable = (r: Sortable) => r.registrert - r.betalbar;
/** An amount off at agreed days is a difference too, for the filter and (after the days) the order. */
const amountOff = (r: Sortable) => (r.status === 'belopsavvik' ? 1 : 0);

/**
 * Stays with an id (invoice lines without one have no strip), in `order`, ties by days not payable
 * and then id; `onlyDifferent` keeps the stays whose invoiced days differ from the payable ones, or
 * whose amount is off («Beløpsavvik»), which then come right after those with a day difference.
 */
export function orderStays<T extends Sortable>(rows: readonly T[], order: StayOrder, onlyDifferent = false): (T & { stay_id: string })[] {
  const byId = (a: T & { stay_id: string }, b: T & { stay_id: string }) => a.stay_id.localeCompare(b.stay_id);
  const cmp = order === 'differanse'
    ? (a: T & { stay_id: string }, b: T & { stay_id: string }) => Math.abs(b.differanse) - Math.abs(a.differanse) || amountOff(b) - amountOff(a) || notPayable(b) - notPayable(a) || byId(a, b)
    : (a: T & { stay_id: string }, b: T & { stay_id: string }) => notPayable(b) - notPayable(a) || byId(a, b);
  return rows
    .filter((r): r is T & { stay_id: string } => r.stay_id !== null && (!onlyDifferent || r.differanse !== 0 || amountOff(r) === 1))
    .sort(cmp);
}

const signed = (n: number) => `${n > 0 ? '+' : ''}${formatInteger(n)}`;

/**
 * What the controller checks a stay against an invoice with: 'USK 02.03.2022–14.03.2022 · faktura
 * 202201234, 202201301'. The dates are the stay's whole span, as the municipality's own records
 * have it; when the selected period holds only part of it, that part too ('USK 20.02.2022–
 * 14.03.2022, i perioden 01.03.2022–14.03.2022'). A stay still going has no end ('USK fra
 * 02.03.2022': its last date is only the as-of date); an invoice line without a known stay has no
 * dates; no invoice: 'ingen faktura'.
 */
export function stayDatesText(r: Pick<StayRow, 'usk_fra' | 'usk_til' | 'opphold_fra' | 'opphold_til' | 'fakturanr' | 'pagaende'>): string {
  const span = (from: string | null, to: string | null, open: boolean) =>
    !from ? '' : open || !to ? `fra ${formatDate(from)}` : from === to ? formatDate(from) : `${formatDate(from)}–${formatDate(to)}`;
  const whole = span(r.opphold_fra ?? r.usk_fra, r.opphold_til ?? r.usk_til, r.pagaende === true);
  const part = span(r.usk_fra, r.usk_til, false);
  const cut = whole && part && (r.usk_fra !== (r.opphold_fra ?? r.usk_fra) || r.usk_til !== (r.opphold_til ?? r.usk_til));
  const dates = whole ? `USK ${whole}${cut ? `, i perioden ${part}` : ''}` : '';
  const invoices = (r.fakturanr ?? '').trim();
  return [dates, invoices ? `faktura ${invoices}` : 'ingen faktura'].filter(Boolean).join(' · ');
}

/**
 * 'Opphold 41583409 · somatikk · Differanse · registrert 6, betalbar 5, fakturert 6, differanse +1
 * · USK 02.03.2022–14.03.2022 · faktura 202201234'.
 * Under a rule set whose headline is hour-based days, those are named too (one decimal). With
 * `payable` false (a rule set that deducts nothing, DIPS: deductsDays) the whole days are «regelsettets», not «betalbar».
 */
export function stayText(r: StayRow, headline: Headline = 'betalbar', payable = true): string {
  const hours = headline === 'timebasert' ? `, timebasert ${formatMeasure('timebasert', r.timebasert)}` : '';
  return `Opphold ${r.stay_id ?? '–'} · ${careAreaText(r.fagomrade)} · ${STAY_STATUS_LABEL[r.status]}`
    + ` · registrert ${formatInteger(r.registrert)}, ${payable ? 'betalbar' : 'regelsettets'} ${formatInteger(r.betalbar)}${hours}, fakturert ${formatInteger(r.fakturert)}`
    + `${r.differanse ? `, differanse ${signed(r.differanse)}` : ''}${amountText(r)} · ${stayDatesText(r)}${r.pagaende ? ' · pågående' : ''}`;
}

/** For «Beløpsavvik»: what was invoiced against what the payable days at the national rate come to. */
function amountText(r: StayRow): string {
  if (r.status !== 'belopsavvik' || r.forventet_belop === null) return '';
  return `, beløp ${formatKroner(r.belop)} (forventet ${formatKroner(r.forventet_belop)})`;
}
