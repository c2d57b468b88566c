import type { ProfileInput } from './types.ts';

/** Invoice lines to municipalities, from HN-LIS or the economy system (exports.md). */
export const faktura: ProfileInput = {
  name: 'faktura',
  title: 'Fakturalinjer til kommuner',
  kind: 'invoices',
  columns: [
    { key: 'invoice_no', header: 'Fakturanr', aliases: ['Fakturanummer', 'Bilagsnr'], type: 'id', required: true, fnrCheck: 'whole' },
    { key: 'invoice_date', header: 'Fakturadato', aliases: ['Bilagsdato'], type: 'date', required: true },
    { key: 'kommunenr', header: 'Kommunenr', aliases: ['Kunde kommunenr'], type: 'kommunenr', required: true },
    { key: 'kommune_navn', header: 'Kommune', aliases: ['Kunde'], type: 'text' },
    { key: 'stay_id', header: 'OppholdsID', aliases: ['Oppholds-ID'], type: 'id', fnrCheck: 'id' },
    { key: 'fagomrade', header: 'Fagområde', aliases: ['Fagomraade'], type: 'fagomrade', whenAbsent: '{rader} er lest som Somatikk' },
    { key: 'from_date', header: 'Fra dato', aliases: ['Periode fra'], type: 'date', required: true },
    { key: 'to_date', header: 'Til dato', aliases: ['Periode til'], type: 'date', required: true },
    { key: 'days', header: 'Antall døgn', aliases: ['Døgn', 'Antall'], type: 'integer', required: true },
    { key: 'rate', header: 'Døgnpris', aliases: ['Sats', 'Pris'], type: 'amount' },
    { key: 'amount', header: 'Beløp', aliases: ['Sum', 'Beløp kr'], type: 'amount', required: true },
    { key: 'line_type', header: 'Type', aliases: ['Bilagstype'], type: 'invoice_type',
      whenAbsent: '{rader} er lest som faktura, eller som kreditnota der antall døgn eller beløp er negativt' },
  ],
  // exports.md's key; a line without a stay also keys on its fagomrade (db/schema.sql, src_invoice_current).
  naturalKey: ['invoice_no', 'stay_id', 'from_date', 'line_type'],
  yearFrom: 'from_date',
  totalsColumns: ['days', 'amount'],
  checks: [
    {
      code: 'til-for-fra',
      failsWhen: 't.to_date < t.from_date',
      severity: 'reject',
      column: 'to_date',
      message: 'Til dato ({value}) er før Fra dato',
    },
    {
      code: 'belop-ulikt-dogn-ganger-pris',
      failsWhen: 't.rate IS NOT NULL AND abs(t.amount - t.days * t.rate) > 1',
      severity: 'warning',
      column: 'amount',
      message: 'Beløp ({value}) er ikke Antall døgn × Døgnpris (±1 kr)',
    },
    {
      // Without a Døgnpris column the national rate is the yardstick, or a mistyped amount («1101,60»
      // for 11 016,00) would pass unremarked. A line over a year's end may differ by the rates' step.
      code: 'belop-ulikt-nasjonal-pris',
      failsWhen: 't.rate IS NULL AND r.rate IS NOT NULL AND abs(t.amount - t.days * r.rate) > 1',
      severity: 'warning',
      column: 'amount',
      message: 'Beløp ({value}) er ikke Antall døgn × den nasjonale døgnprisen for året (±1 kr; filen oppgir ingen Døgnpris)',
    },
    {
      code: 'dognpris-ikke-nasjonal',
      failsWhen: 't.rate IS NOT NULL AND r.rate IS NOT NULL AND t.rate <> r.rate',
      severity: 'warning',
      column: 'rate',
      message: 'Døgnpris ({value}) er ikke den nasjonale satsen for året',
    },
    {
      code: 'type-motsier-fortegn',
      failsWhen: "(t.line_type = 'kreditnota' AND t.days > 0) OR (t.line_type = 'faktura' AND t.days < 0)",
      severity: 'warning',
      column: 'line_type',
      message: 'Type ({value}) stemmer ikke med fortegnet på Antall døgn (en kreditnota trekkes alltid fra)',
    },
    {
      // Without a Type, a minus in either makes the line a credit note (load/targets.ts): a minus lost
      // or added in one of them would turn a line of 4 days into −4 with nothing said but an amount
      // that is not days × rate.
      code: 'fortegn-ulikt',
      failsWhen: 't.days * t.amount < 0',
      severity: 'warning',
      column: 'amount',
      message: 'Beløp ({value}) og Antall døgn har ulikt fortegn: er linjen en kreditnota? (uten Type trekkes den fra)',
    },
  ],
};
