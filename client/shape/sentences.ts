/** Three to five generated Norwegian sentences that say what changed in the month under review. */
import { formatInteger, formatPercent, formatPeriod } from '../../pipelines/format/index.ts';
import type { RuleParams } from '../../pipelines/query/contract.ts';
import { deductsDays } from './headline.ts';
import type { Ranked, Totals } from './totals.ts';
import { change, percentChangeText } from './totals.ts';

export interface SentenceInput {
  month: string;
  now: Totals;
  previous: Totals | undefined;
  lastYear: Totals | undefined;
  ranking: readonly Ranked[];
  /** The parameters the figures were computed with; without them the whole days are payable days. */
  params?: RuleParams;
}

const signed = (n: number) => (n > 0 ? `${formatInteger(n)} flere` : `${formatInteger(-n)} færre`);

export function sentences({ month, now, previous, lastYear, ranking, params }: SentenceInput): string[] {
  const out: string[] = [];
  const period = formatPeriod(month);
  const reg = now.registrert;
  if (reg === null) return ['Tallene for denne måneden er prikket (for små til å vises).'];
  const vsPrev = change(reg, previous?.registrert);
  out.push(
    vsPrev.days === null || vsPrev.days === 0
      ? `I ${period} ble det registrert ${formatInteger(reg)} USK-døgn.`
      : `I ${period} ble det registrert ${formatInteger(reg)} USK-døgn, ${signed(vsPrev.days)} enn måneden før${vsPrev.share === null ? '' : ` (${percentChangeText(vsPrev.share)})`}.`,
  );
  const vsYear = change(reg, lastYear?.registrert);
  if (vsYear.days !== null && vsYear.share !== null) {
    out.push(`Sammenlignet med samme måned i fjor er det ${signed(vsYear.days)} døgn (${percentChangeText(vsYear.share)}).`);
  }
  const leader = ranking[0];
  if (leader && leader.value !== null && reg > 0) out.push(`${leader.kommune} står for ${formatPercent(leader.value / reg, 0)} av døgnene i ${period}.`);
  if (now.betalbar !== null && now.fakturert !== null && reg > 0) {
    const share = `${formatPercent(now.betalbar / reg, 0)} av de registrerte`;
    // A rule set that deducts nothing (DIPS) counts every day after the payment obligation: it does not call them payable.
    out.push(!params || deductsDays(params)
      ? `${formatInteger(now.betalbar)} døgn er betalbare etter regelsettet (${share}); ${formatInteger(now.fakturert)} er fakturert.`
      : `Regelsettet teller ${formatInteger(now.betalbar)} døgn (${share}); ${formatInteger(now.fakturert)} er fakturert.`);
  }
  // Why a month of psychiatry before 2019 pays nothing, said where the 0 % is read, not only in Metode.
  if (now.ikke_betalingsplikt !== null && now.ikke_betalingsplikt > 0) {
    out.push(`${formatInteger(now.ikke_betalingsplikt)} av døgnene er før betalingsplikt: kommunene betaler for psykisk helsevern og TSB først fra 1. januar 2019, så de er ikke betalbare.`);
  }
  const mover = [...ranking].filter((r) => r.change.days !== null).sort((a, b) => Math.abs(b.change.days ?? 0) - Math.abs(a.change.days ?? 0))[0];
  if (mover && mover.change.days) {
    out.push(`Største endring fra samme måned i fjor: ${mover.kommune} (${mover.change.days > 0 ? '+' : ''}${formatInteger(mover.change.days)} døgn).`);
  }
  return out.slice(0, 5);
}
