/**
 * SQL fragments the findings' messages and months are written with (derive/findings.ts and the
 * version findings, dips-missing.ts and hnlis-missing.ts; load/missing-in-newer.ts says the same
 * at load). Messages are read as text, so dates and amounts are written as nb-NO writes them.
 */
import { MONTH_NAMES } from '../format/index.ts';

/** Codes as an SQL IN list. */
export const codeList = (codes: readonly string[]) => codes.map((c) => `'${c}'`).join(', ');
/** A finding's month, 'YYYY-MM'. */
export const ym = (expr: string) => `strftime(${expr}, '%Y-%m')`;
/** 'desember 2023', as the dashboard names months. */
export const monthName = (expr: string) => `([${MONTH_NAMES.map((m) => `'${m}'`).join(', ')}])[month(${expr})] || ' ' || year(${expr})`;
export const day = (expr: string) => `strftime(${expr}, '%d.%m.%Y')`;
export const minute = (expr: string) => `strftime(${expr}, '%d.%m.%Y %H:%M')`;
/** Kroner as nb-NO writes them ("33 148,00 kr", no-break space, decimal comma). */
export const kr = (expr: string) => `replace(replace(replace(format('{:,.2f}', ${expr}), ',', ' '), '.', ','), ' ', chr(160)) || chr(160) || 'kr'`;

/**
 * For the version findings: only the pairs of exports (older o, newer n) whose newer or older one
 * is a given batch (an SQL expression), as load/missing-in-newer.ts asks of the file just loaded.
 */
export interface OnlyBatch { newer?: string; older?: string }
export const onlySql = (only: OnlyBatch) =>
  (only.newer === undefined ? '' : ` AND n.batch_id = ${only.newer}`) + (only.older === undefined ? '' : ` AND o.batch_id = ${only.older}`);
