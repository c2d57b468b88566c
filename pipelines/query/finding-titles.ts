/**
 * One short Norwegian title per finding code, for lists and tables where the full message is too
 * long (the dashboard's Datakvalitet, the notebooks' quality tables through the snapshot). The
 * codes come from derive/findings.ts (usk_finding) and from ingestion's warnings (batch_warning:
 * the profiles' warning checks and load/*.ts); finding-titles.test.ts holds every one of them to
 * having a title here.
 */
export const FINDING_TITLES: Readonly<Record<string, string>> = {
  // derive/findings.ts
  'dips-avvik': 'DIPS-døgn avviker fra døgn beregnet fra HN-LIS',
  'dips-overlapp': 'DIPS-rader for samme opphold dekker de samme datoene',
  'dips-mangler-i-nyere': 'DIPS-rad som en nyere rapport ikke har (slettet eller rettet i DIPS?)',
  'null-lengde': 'USK-periode med null lengde',
  'lang-periode': 'USK-periode over ett år (feil årstall eller manglende utskrivning?)',
  'dips-dogn-over-datoene': 'DIPS-rad med flere USK-døgn enn datoer til utskrivningen (feil dato eller antall?)',
  'hendelse-utenfor-periode': 'Hendelse utenfor alle USK-perioder (ikke brukt)',
  'avmelding-utenfor-periode': 'Avmelding uten åpen USK-periode',
  'duplikat-utskrivningsklar': 'Utskrivningsklar på nytt i en åpen periode (ignorert)',
  'klar-etter-utskrevet': 'Utskrivningsklar etter at oppholdet er utskrevet',
  'flere-utskrevet': 'Flere utskrivningstidspunkter for samme opphold',
  'hendelse-mangler-i-nyere': 'Hendelse som et nyere uttrekk ikke har (slettet eller rettet i HN-LIS?)',
  'opphold-mangler-i-nyere': 'Opphold som et nyere uttrekk ikke har (Oppholds-ID rettet eller slettet i HN-LIS?)',
  'uten-periode': 'HN-LIS-hendelser uten utskrivningsklar-hendelse',
  'kun-i-dips': 'Opphold bare i DIPS (døgn uten tidspunkt)',
  'kun-i-hnlis': 'Opphold bare i HN-LIS (registrerte døgn beregnet)',
  'kilde-avvik': 'Kommune eller fagområde i HN-LIS avviker fra oppholdets',
  'ukjent-opphold': 'Fakturalinje uten kjent opphold',
  'faktura-belop': 'Fakturabeløp er ikke døgn × døgnpris',
  'faktura-sats': 'Døgnprisen er ikke den nasjonale satsen',
  'faktura-kommune-avvik': 'Faktura sendt til en annen kommune enn oppholdets',
  'faktura-fagomrade-avvik': 'Faktura ført på et annet fagområde enn oppholdets',
  'mangler-sats': 'Ingen døgnpris for året i satstabellen',
  'mangler-betalingsplikt': 'Ingen dato for betalingsplikt for fagområdet (døgnene er ikke betalbare)',
  'faktura-over-maneder': 'Fakturalinje over et månedsskifte (ført i Fra dato-måneden)',
  // ingestion's warnings (profiles/*.ts checks, load/*.ts)
  'belop-ulikt-dogn-ganger-pris': 'Fakturabeløp er ikke døgn × døgnpris',
  'belop-ulikt-nasjonal-pris': 'Fakturabeløp er ikke døgn × nasjonal døgnpris',
  'dognpris-ikke-nasjonal': 'Døgnprisen er ikke den nasjonale satsen',
  'klokkeslett-i-datokolonne': 'Klokkeslett i en datokolonne (bare datoen er brukt)',
  'type-motsier-fortegn': 'Fakturatypen stemmer ikke med fortegnet på døgnene',
  'fortegn-ulikt': 'Fakturabeløp og døgn har ulikt fortegn',
  'kommunenr-utenfor-gyldighet': 'Kommunenummer ikke gyldig i året (regnet som dagens kommune)',
  'samme-nokkel-i-filen': 'Samme nøkkel flere ganger i filen (bare siste linje telles)',
  'summeringsrad-avvik': 'Summeringsraden stemmer ikke med radene',
  'summeringsrad-uleselig': 'Summeringsraden er ikke et tall',
  'summeringsrad-ikke-kontrollert': 'Summeringsraden er ikke kontrollert (fødselsnummer i en avvist rad)',
  'etter-uttrekket': 'Tidspunkt etter uttrekkets (hendelse eller DIPS-dato)',
  'uttrekkstid-i-fremtiden': 'Uttrekkstidspunktet er i fremtiden',
  'uttrekkstid-fra-enkeltrad': 'Uttrekkstidspunktet hviler på én rad',
  'uttrekk-foran-as-of': 'Filens Uttrekk gjelder foran --as-of',
  'kommune-uoppgitt': 'Kommunen er ikke oppgitt (9999)',
  'vognretur-som-linjeskift': 'Vognretur-tegn lest som linjeskift',
  'formel-uten-verdi': 'Formel uten lagret verdi lest som tom',
  'gjentatt-overskrift': 'Overskriftsraden gjentatt i filen',
  'bunntekst': 'Rapporttekst etter siste rad hoppet over',
  'kolonne-ikke-lest': 'Kolonner profilen ikke leser',
  'kolonne-ligner': 'Ukjent kolonne som ligner en som mangler (ikke lest)',
  'kolonne-mangler': 'Kolonne mangler, så alle rader har fått standardverdien',
  'dobbel-kolonne': 'Samme kolonne to ganger',
};

/** The title of a code; an unknown code (a newer database, say) is shown as it is. */
export function findingTitle(code: string): string {
  return FINDING_TITLES[code] ?? code;
}
