/**
 * What the demo must reproduce: the figures UNN presented to SSU Troms og Ofoten (case 04/23 and
 * 10/23), transcribed from docs (demo-data.md), plus the generator's own choices for everything the
 * tables leave open. The tests check the result against a separate transcription
 * (data/demo/published-figures.json), so a typo here cannot hide itself.
 *
 * Municipalities are today's (2024) numbers. Arrays are 2019, 2020, 2021, 2022.
 */
export const DEMO_YEARS = [2019, 2020, 2021, 2022, 2023, 2024] as const;

export interface PublishedRow {
  nr: string;
  registered: readonly [number, number, number, number];
  invoiced2022?: number;
}

export const SOMATIKK: readonly PublishedRow[] = [
  { nr: '5501', registered: [3736, 4736, 6554, 8190], invoiced2022: 6904 }, // Tromsø
  { nr: '5503', registered: [1606, 1785, 4066, 3213], invoiced2022: 1857 }, // Harstad
  { nr: '1806', registered: [1179, 824, 1013, 1450], invoiced2022: 589 }, // Narvik
  { nr: '5530', registered: [24, 146, 280, 544], invoiced2022: 401 }, // Senja
  { nr: '5544', registered: [106, 83, 345, 440], invoiced2022: 374 }, // Nordreisa
  { nr: '5522', registered: [144, 240, 280, 130], invoiced2022: 73 }, // Salangen
  { nr: '5520', registered: [196, 244, 88, 247], invoiced2022: 181 }, // Bardu
  { nr: '5532', registered: [310, 63, 115, 231], invoiced2022: 174 }, // Balsfjord
  { nr: '5512', registered: [80, 179, 211, 227], invoiced2022: 13 }, // Tjeldsund
  { nr: '5524', registered: [322, 137, 57, 144], invoiced2022: 82 }, // Målselv
  { nr: '1851', registered: [105, 121, 99, 133], invoiced2022: 31 }, // Lødingen
  { nr: '1853', registered: [76, 59, 248, 61], invoiced2022: 1 }, // Evenes
  { nr: '5514', registered: [64, 81, 112, 170], invoiced2022: 67 }, // Ibestad
  { nr: '5510', registered: [92, 76, 116, 133], invoiced2022: 4 }, // Kvæfjord
  { nr: '5536', registered: [61, 37, 90, 119], invoiced2022: 74 }, // Lyngen
];
export const SOMATIKK_OTHERS = { registered: [1201, 378, 546, 585], invoiced2022: 254 } as const;

/** 2023 somatikk, registered (UNN board papers). */
export const SOMATIKK_2023: Readonly<Record<string, number>> = { '5501': 6579, '5503': 3338, '1806': 966 };

export const PSYKIATRI: readonly PublishedRow[] = [
  { nr: '5501', registered: [1914, 1639, 1211, 1359] }, // Tromsø
  { nr: '5503', registered: [156, 413, 953, 872] }, // Harstad
  { nr: '5603', registered: [59, 37, 297, 5] }, // Hammerfest
  { nr: '5534', registered: [169, 77, 18, 72] }, // Karlsøy
  { nr: '5530', registered: [142, 3, 193, 78] }, // Senja (2019: Lenvik 112 + Tranøy/Torsken/Berg 30)
  { nr: '1806', registered: [52, 9, 120, 122] }, // Narvik
  { nr: '5532', registered: [1, 29, 28, 103] }, // Balsfjord
  { nr: '5607', registered: [34, 12, 0, 114] }, // Vadsø
  { nr: '5544', registered: [3, 36, 9, 72] }, // Nordreisa
  { nr: '5516', registered: [119, 0, 0, 0] }, // Gratangen
];
export const PSYKIATRI_OTHERS = { registered: [374, 202, 207, 269] } as const;

/** Psychiatry 2019 registered under Lenvik's own number ("as registered" grouping). */
export const LENVIK_PSYKIATRI_2019 = { nr: '1931', days: 112 } as const;

/**
 * The generator's own choices. "Andre kommuner" are spread over these (2024 numbers, relative
 * weights): the rest of the catchment, Finnmark, and a few out-of-area patients.
 */
export const SOMATIKK_OTHER_MEMBERS: Readonly<Record<string, number>> = {
  '5534': 3, '5538': 2, '5540': 2, '5542': 2.5, '5546': 1.5, '5526': 3, '5528': 1.2, '5516': 1.2,
  '5518': 1, '5603': 0.8, '5601': 1, '5607': 0.3, '5605': 0.3, '1804': 0.3, '1870': 0.4, '0301': 0.2,
};
export const PSYKIATRI_OTHER_MEMBERS: Readonly<Record<string, number>> = {
  '5520': 2, '5524': 2.5, '5536': 1.2, '5522': 1, '5526': 1.5, '5514': 0.8, '5510': 0.8, '5512': 0.6,
  '1851': 0.4, '1853': 0.3, '5538': 0.6, '5540': 0.5, '5542': 0.8, '5546': 0.4, '5528': 0.4,
  '5518': 0.3, '5601': 1.5, '5605': 0.6, '5622': 0.5, '1804': 0.3,
};

/** Ofoten and Sør-Troms: days are lost mostly before notification and after the municipality is ready. */
export const GATED_MUNICIPALITIES: ReadonlySet<string> = new Set(['1806', '5512', '1853', '1851', '5510']);

/** How a 2019 row is spread over the numbers that merged into today's municipality. */
export const PREDECESSOR_WEIGHTS: Readonly<Record<string, number>> = {
  '1931': 0.7, '1927': 0.1, '1928': 0.08, '1929': 0.12, // Senja
  '1805': 0.85, '1854': 0.12, '1850': 0.03, // Narvik
  '1913': 0.6, '1852': 0.4, // Tjeldsund
  '2004': 0.85, '2017': 0.15, // Hammerfest
};

/** Share of psychiatry days in psykisk helsevern (the rest is TSB). */
export const PHV_SHARE = 0.72;
