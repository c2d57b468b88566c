/** Norwegian names for measures and day categories, shared by tables, charts and slides. */

// The exports' words (pipelines/export/columns.ts): a column in a file is named as on screen.
export { CATEGORY_LABEL, MEASURE_LABEL } from '../../pipelines/export/columns.ts';
import { CARE_AREA_NAME } from '../../pipelines/export/columns.ts';

/** The care areas the filters offer, named as the exports name them. */
export const CARE_AREA_LABEL: Record<string, string> = {
  alle: CARE_AREA_NAME.alle!,
  somatikk: CARE_AREA_NAME.somatikk!,
  psykiatri: CARE_AREA_NAME.psykiatri!,
};

/** Care areas inside a sentence or caption ('per år, psykisk helsevern og TSB'), never the URL slug. */
const CARE_AREA_TEXT: Record<string, string> = {
  alle: 'alle fagområder',
  somatikk: 'somatikk',
  psykiatri: 'psykisk helsevern og TSB',
  'psykisk-helsevern': 'psykisk helsevern',
  tsb: 'TSB',
};
export const careAreaText = (slug: string) => CARE_AREA_TEXT[slug] ?? slug;

/** A stay's status (StayRow.status) in words: the exports' own words, so screen and file agree. */
export { STATUS_TEXT as STAY_STATUS_LABEL } from '../../pipelines/export/columns.ts';

/**
 * A municipality as a row label: the name under current grouping (one row per 2024 municipality);
 * number and name as registered, where several numbers share a name ('1902 Tromsø', '5401 Tromsø').
 */
export function kommuneLabel(kommunenr: string, kommune: string, group: 'current' | 'registered'): string {
  return group === 'registered' ? `${kommunenr} ${kommune}` : kommune;
}

export const EVENT_LABEL: Record<string, string> = {
  '1': 'Kommunen varslet om innlagt pasient',
  '2': 'Utskrivningsklar',
  '3': 'Kommunen varslet om utskrivningsklar pasient',
  '4': 'Avmeldt',
  '6': 'Kommunen kan ikke ta imot',
  '7': 'Kommunen kan ta imot',
  '12': 'Overføringsklar',
  UT: 'Utskrevet',
};
export const eventLabel = (code: string) => EVENT_LABEL[code.toUpperCase()] ?? code;
