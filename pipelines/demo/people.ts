/**
 * Synthetic patients and hospital departments. Fødselsnumre are Skatteetaten-style synthetic
 * numbers (month + 80) with valid check digits: they look real to a validator but can never be a
 * real person's, which a demo that ships in a repository must guarantee.
 */
import { pad2 } from './calendar.ts';
import type { Fag } from './plan.ts';
import type { Rng } from './rng.ts';

const K1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const K2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

function checkDigit(digits: number[], weights: number[]): number | null {
  const sum = weights.reduce((s, w, i) => s + w * (digits[i] ?? 0), 0);
  const k = (11 - (sum % 11)) % 11;
  return k === 10 ? null : k;
}

/** A synthetic fødselsnummer for someone born in the given year. */
export function syntheticFnr(rng: Rng, birthYear: number): string {
  for (;;) {
    const base = `${pad2(rng.int(1, 28))}${pad2(rng.int(1, 12) + 80)}${pad2(birthYear % 100)}${String(rng.int(0, 499)).padStart(3, '0')}`;
    const digits = [...base].map(Number);
    const k1 = checkDigit(digits, K1);
    if (k1 === null) continue;
    const k2 = checkDigit([...digits, k1], K2);
    if (k2 === null) continue;
    return `${base}${k1}${k2}`;
  }
}

/**
 * Patients per municipality: about one in three stays is a readmission of someone already seen.
 * `maxPerKommune` bounds memory at national scale: past it, a new patient replaces a random one.
 */
export class PatientPool {
  private readonly byKommune = new Map<string, string[]>();
  constructor(
    private readonly rng: Rng,
    private readonly maxPerKommune = Number.POSITIVE_INFINITY,
  ) {}

  patientFor(current: string, fag: Fag, year: number): string {
    const pool = this.byKommune.get(`${current}|${fag}`) ?? [];
    this.byKommune.set(`${current}|${fag}`, pool);
    if (pool.length > 0 && this.rng.chance(0.35)) return this.rng.pick(pool);
    const age = fag === 'somatikk' ? this.rng.int(62, 97) : this.rng.int(19, 75);
    const fnr = syntheticFnr(this.rng, year - age);
    if (pool.length < this.maxPerKommune) pool.push(fnr);
    else pool[this.rng.int(0, pool.length - 1)] = fnr;
    return fnr;
  }
}

const DEPARTMENTS: Record<string, Record<Fag, readonly string[]>> = {
  'UNN Tromsø': {
    somatikk: ['Medisinsk klinikk; Geriatri', 'Medisinsk klinikk; Indremedisin', 'Hjerte- og lungeklinikken',
      'Nevro-, ortopedi- og rehabiliteringsklinikken', 'Kirurgi-, kreft- og kvinnehelseklinikken', 'Akuttmedisinsk klinikk'],
    'psykisk-helsevern': ['Allmennpsykiatrisk klinikk', 'Sikkerhetspsykiatrisk seksjon', 'Alderspsykiatrisk seksjon'],
    tsb: ['Rus- og avhengighetsklinikken'],
  },
  'UNN Harstad': {
    somatikk: ['Medisinsk avdeling Harstad', 'Kirurgisk avdeling Harstad'],
    'psykisk-helsevern': ['Psykiatrisk avdeling Harstad'],
    tsb: ['Rus- og avhengighetsklinikken, Harstad'],
  },
  'UNN Narvik': {
    somatikk: ['Medisinsk avdeling Narvik', 'Kirurgisk avdeling Narvik'],
    'psykisk-helsevern': ['Psykiatrisk avdeling Narvik'],
    tsb: ['Rus- og avhengighetsklinikken'],
  },
};

/** A department at the patient's UNN site; out-of-area patients are treated in Tromsø. */
export function departmentFor(rng: Rng, site: string | undefined, fag: Fag): string {
  const sites = DEPARTMENTS[site ?? 'UNN Tromsø'] ?? DEPARTMENTS['UNN Tromsø'];
  return rng.pick(sites?.[fag] ?? ['Medisinsk klinikk']);
}
