/** Norwegian number formatting as the source systems print it (not the product's nb-NO module:
 * these strings imitate foreign exports, quirks included). */
const NBSP = '\u00A0';

/** 15918 → "15 918,00" with no-break spaces between thousands. */
export function noAmount(value: number): string {
  const sign = value < 0 ? '-' : '';
  const [int = '0', dec = '00'] = Math.abs(value).toFixed(2).split('.');
  return `${sign}${int.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP)},${dec}`;
}

/** "kr 15 918,00", the economy system's amount column. */
export const krAmount = (value: number): string => `kr ${noAmount(value)}`;

/** CSV field: quoted when it holds the separator, a quote or a line break. */
export function csvField(value: string, sep: string): string {
  return value.includes(sep) || value.includes('"') || /[\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export const csvLine = (cells: readonly string[], sep: string): string => cells.map((c) => csvField(c, sep)).join(sep);
