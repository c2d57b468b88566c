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

/** For the version findings: only the pairs whose newer or older export is a given batch (an SQL expression). */
export interface OnlyBatch { newer?: string; older?: string }

/**
 * The CTEs both version findings (dips-missing.ts, hnlis-missing.ts) start from, for the exports of
 * one kind whose rows are `rows` (a table or an earlier CTE), keyed by `key`:
 * - `b`: the exports ranked as the *_current views order versions (as-of, none first, then batch);
 * - `several`, `shared`: the keys that more than one export has, with each export that has them
 *   (grouped by the key's hash first, the exact keys only for those);
 * - `overlapping`: each pair of exports that share keys (older, newer, newer_rank), with how many
 *   (`shared_keys`); only the pairs `only` names, as load/missing-in-newer.ts asks of the file just loaded.
 * Written without WITH, so that a caller can put CTEs of its own before and after.
 */
export function versionPairsCtes(o: { kind: 'periods' | 'events'; rows: string; key: readonly string[]; only: OnlyBatch }): string {
  const key = o.key.join(', ');
  const only = (o.only.newer === undefined ? '' : ` AND n.batch_id = ${o.only.newer}`) + (o.only.older === undefined ? '' : ` AND o.batch_id = ${o.only.older}`);
  return `
  b AS (
    SELECT batch_id, row_number() OVER (ORDER BY as_of ASC NULLS FIRST, batch_id) AS rank
    FROM batch WHERE kind = '${o.kind}'),
  several AS (SELECT hash(${key}) AS h FROM ${o.rows} GROUP BY h HAVING min(batch_id) <> max(batch_id)),
  shared AS (SELECT DISTINCT ${key}, batch_id FROM ${o.rows} WHERE hash(${key}) IN (SELECT h FROM several)),
  overlapping AS (
    SELECT o.batch_id AS older, n.batch_id AS newer, bn.rank AS newer_rank, count(*) AS shared_keys
    FROM shared o JOIN shared n USING (${key})
    JOIN b bo ON bo.batch_id = o.batch_id JOIN b bn ON bn.batch_id = n.batch_id
    WHERE bn.rank > bo.rank${only}
    GROUP BY ALL)`;
}
