/** Each day category in plain Norwegian, with the regulation's wording (FOR-2011-11-18-1115). */
import { h } from '../ui/dom.ts';

const ITEMS: [string, string][] = [
  ['Registrerte døgn', 'Alle kalenderdøgn pasienten har vært utskrivningsklar, slik DIPS teller dem: hvert påbegynte døgn teller som et helt døgn.'],
  ['Før betalingsplikt', 'Døgn før kommunenes betalingsplikt begynte for fagområdet: for psykisk helsevern og TSB gjelder den fra 1. januar 2019 (for somatikk fra 2012). Dette er lov, ikke en innstilling, så ingen regelsett gjør disse døgnene betalbare. Begynte USK-perioden før, er «første døgn» det første døgnet med betalingsplikt. Datoene står i referansedataene (betalingsplikt.csv).'],
  ['Ikke varslet', 'Døgn før kommunen ble varslet. Forskriften: kommunen betaler «fra og med det døgnet» pasienten er utskrivningsklar og kommunen er varslet. Uten varsel, ingen betaling.'],
  ['Kommunen kan ta imot', 'Døgn fra og med den dagen kommunen har sagt at den kan ta imot pasienten. Betalingsplikten stopper da.'],
  ['Første døgn', 'Det første betalbare døgnet i hver USK-periode faktureres ikke ved UNN. Dette er lokal praksis, ikke lov, og derfor en innstilling i regelsettet.'],
  ['Under timeterskel', 'Døgn med færre USK-timer enn terskelen. Timer og deldøgn er ikke regulert nasjonalt; terskelen er et lokalt metodevalg.'],
  ['Uten tidspunkt', 'Døgn for opphold som ikke finnes i HN-LIS, og som derfor ikke kan klassifiseres.'],
  ['Avvik mot DIPS', 'Forskjellen mellom DIPS sitt antall og døgnene regnet ut fra hendelsene: positiv når DIPS oppgir flere døgn, negativ når færre. I broen heter steget «DIPS har flere døgn» (de trekkes fra) eller «DIPS har færre døgn» (de legges til).'],
  ['Betalbare døgn', 'Registrerte døgn minus døgnene over (før betalingsplikt, ikke varslet, kommunen kan ta imot, første døgn, under timeterskel, uten tidspunkt og avvik mot DIPS): døgnene kommunen skal betale for etter regelsettet. Det er dette tallet fakturaene avstemmes mot.'],
  ['Fakturerte døgn', 'Døgnene UNN faktisk har fakturert kommunen, etter fakturalinjenes «Fra dato» (ikke fakturadatoen). Kreditnotaer trekkes fra.'],
  ['Differanse', 'Fakturerte døgn minus betalbare døgn. Positiv: det er fakturert flere døgn enn regelsettet gir (kommunen kan ha betalt for mye). Negativ: det er fakturert færre (døgn som ikke er fakturert ennå, eller som ikke skal faktureres). Oppholdene bak differansen står i Avstemming.'],
  ['Timebaserte døgn', 'USK-timer i det betalbare vinduet delt på 24 («time for time»), med én desimal. Regelsettet «Timebasert» har dette som hovedtall: der vises timebaserte døgn i stedet for hele betalbare døgn, og broen går fra betalbare døgn via «Deldøgn (time for time)» til timebaserte døgn.'],
];

export function explanations(): HTMLElement {
  return h('section', { class: 'explain' }, h('h2', {}, 'Hva kategoriene betyr'),
    h('dl', {}, ...ITEMS.flatMap(([t, d]) => [h('dt', {}, t), h('dd', {}, d)])));
}
