import type { ProfileInput } from './types.ts';

/** DIPS report "Utskrivningsklare pasienter": one row per USK period (exports.md). */
export const dipsUsk: ProfileInput = {
  name: 'dips-usk',
  title: 'DIPS: Utskrivningsklare pasienter',
  kind: 'periods',
  columns: [
    { key: 'stay_id', header: 'Oppholds-ID', aliases: ['Opphold', 'OppholdsID', 'Kontakt-ID'], type: 'id', required: true, fnrCheck: 'id' },
    { key: 'patient', header: 'Fødselsnummer', aliases: ['Pasient', 'Pasientnr', 'Pasientnummer', 'Pasient-ID', 'Personnummer', 'Personnr', 'Fnr', 'Fødselsnr'], type: 'patient', required: true },
    { key: 'kommunenr', header: 'Kommunenr', aliases: ['Kommunenummer', 'Bostedskommunenr'], type: 'kommunenr', required: true },
    { key: 'kommune_navn', header: 'Kommune', aliases: ['Kommunenavn', 'Bostedskommune'], type: 'text' },
    { key: 'fagomrade', header: 'Fagområde', aliases: ['Fagomraade', 'Tjenesteområde'], type: 'fagomrade', required: true },
    { key: 'avdeling', header: 'Avdeling', aliases: ['Post', 'Seksjon'], type: 'text' },
    { key: 'admitted', header: 'Innlagt', aliases: ['Innleggelsesdato', 'Inndato'], type: 'timestamp' },
    { key: 'ready', header: 'Utskrivningsklar', aliases: ['Utskrivningsklar dato', 'USK fra'], type: 'timestamp', required: true },
    { key: 'discharged', header: 'Utskrevet', aliases: ['Utskrivningsdato', 'Utdato'], type: 'timestamp' },
    { key: 'usk_days', header: 'USK-døgn', aliases: ['Antall USK-døgn', 'Døgn'], type: 'integer', required: true, min: 0,
      // No stay lasts ten years; a larger count is a misplaced number, and derive would expand it day by day.
      max: { value: 3660, why: 'ti år' } },
  ],
  naturalKey: ['stay_id', 'ready'],
  yearFrom: 'ready',
  totalsColumns: ['usk_days'],
  checks: [
    {
      code: 'utskrevet-for-usk',
      // A date without a time says only the day: discharged that day is not before a ready time on it.
      failsWhen: "CASE WHEN t.discharged_has_time THEN t.discharged < t.ready ELSE t.discharged < date_trunc('day', t.ready) END",
      severity: 'reject',
      column: 'discharged',
      message: 'Utskrevet ({value}) er før Utskrivningsklar',
    },
  ],
};
