import type { ProfileInput } from './types.ts';

/** Helse Nord LIS event extract: one row per NPR event (exports.md). */
export const hnlisHendelser: ProfileInput = {
  name: 'hnlis-hendelser',
  title: 'Helse Nord LIS: hendelser',
  kind: 'events',
  columns: [
    { key: 'stay_id', header: 'OppholdsID', aliases: ['Oppholds-ID', 'Opphold'], type: 'id', required: true, fnrCheck: 'id' },
    { key: 'kommunenr', header: 'Kommunenr', aliases: ['Kommunenummer'], type: 'kommunenr', required: true },
    { key: 'fagomrade', header: 'Fagomraade', aliases: ['Fagområde'], type: 'fagomrade', required: true },
    { key: 'code', header: 'Hendelseskode', aliases: ['Kode', 'TypeTidspunkt'], type: 'event_code' },
    { key: 'event_text', header: 'Hendelse', aliases: ['Hendelsestekst'], type: 'event_text' },
    { key: 'at_local', header: 'Tidspunkt', aliases: ['Hendelsestidspunkt'], type: 'timestamp', required: true },
    { key: 'as_of', header: 'Uttrekk', aliases: ['Uttrekkstidspunkt'], type: 'timestamp' },
  ],
  requiredOneOf: [['code', 'event_text']],
  naturalKey: ['stay_id', 'code', 'at_local'],
  yearFrom: 'at_local',
  checks: [
    {
      code: 'hendelse-mangler',
      failsWhen: 't.raw_code IS NULL AND t.raw_event_text IS NULL',
      severity: 'reject',
      column: 'code',
      message: 'mangler både Hendelseskode og Hendelse (forventet minst én av dem)',
    },
    {
      // Hours are counted from the event's time (domain.md); a date alone would be read as 00:00
      // and add or take away up to a day without anyone seeing it.
      code: 'tidspunkt-uten-klokkeslett',
      failsWhen: 't.at_local IS NOT NULL AND NOT t.at_local_has_time',
      severity: 'reject',
      column: 'at_local',
      message: 'Tidspunkt ({value}) mangler klokkeslett: forventet dato og tid, f.eks. 28.03.2023 14:30 (timene telles fra tidspunktet)',
    },
    {
      code: 'hendelse-motstridende',
      failsWhen: 't.code IS NOT NULL AND t.event_text IS NOT NULL AND t.code <> t.event_text',
      severity: 'reject',
      column: 'code',
      message: 'Hendelseskode ({value}) og Hendelse sier ulike ting',
    },
  ],
};
