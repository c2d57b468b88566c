/**
 * Filters and grouping shared by reconcile(), stays() and stayDays(): the WHERE clauses on the
 * derived tables and the expressions that name a row's municipality, care area and period.
 */
import type { Params } from '../db/open.ts';
import { PSYKIATRI, ReconcileQuery } from './contract.ts';
import { QueryInputError } from './errors.ts';

export type ParsedQuery = ReturnType<typeof ReconcileQuery.parse>;

export function parseQuery(input: ReconcileQuery): ParsedQuery {
  const q = ReconcileQuery.parse(input);
  if (q.from && q.to && q.from > q.to) throw new QueryInputError(`Fra-måned ${q.from} er etter til-måned ${q.to}`);
  return q;
}

export interface Filter {
  /** Conditions on a fact table with columns kommunenr, fagomrade, month (no leading AND). */
  where: string;
  params: Record<string, string>;
}

/**
 * Row filters. Under current grouping a municipality number selects every historical number that
 * maps to the same 2024 successor (asking for 1931 Lenvik or 5421 Senja both give Senja 5530).
 */
export function factFilter(q: ParsedQuery, alias = ''): Filter {
  const c = (col: string) => `${alias}${col}`;
  const where: string[] = [];
  const params: Record<string, string> = {};
  if (q.from) {
    where.push(`${c('month')} >= $from::DATE`);
    params.from = `${q.from}-01`;
  }
  if (q.to) {
    where.push(`${c('month')} <= $to::DATE`);
    params.to = `${q.to}-01`;
  }
  if (q.kommune) {
    params.kommune = q.kommune;
    where.push(q.group === 'current'
      ? `(${c('kommunenr')} = $kommune OR ${c('kommunenr')} IN (SELECT kommunenr FROM ref_kommune WHERE current_nr =
          (SELECT coalesce(max(current_nr), $kommune) FROM ref_kommune WHERE kommunenr = $kommune)))`
      : `${c('kommunenr')} = $kommune`);
  }
  if (q.fagomrade === 'psykiatri') where.push(`${c('fagomrade')} IN (${PSYKIATRI.map((f) => `'${f}'`).join(', ')})`);
  else if (q.fagomrade && q.fagomrade !== 'alle') where.push(`${c('fagomrade')} = '${q.fagomrade}'`);
  return { where: where.length ? where.join(' AND ') : 'true', params };
}

/** Municipality number and name of a fact row f joined to ref_kommune k. */
export function kommuneSql(q: ParsedQuery): { nr: string; navn: string } {
  return q.group === 'current'
    ? { nr: `coalesce(k.current_nr, f.kommunenr)`, navn: `coalesce(k.current_navn, f.kommunenr)` }
    : { nr: `f.kommunenr`, navn: `coalesce(k.navn, f.kommunenr)` };
}

/** The care-area label: the row's own slug, or the slug asked for (psykiatri, alle, one area). */
export function fagomradeSql(q: ParsedQuery): string {
  return q.fagomrade ? `'${q.fagomrade}'` : 'f.fagomrade';
}

/**
 * The period label of a month column m: YYYY-MM, YYYY, or 'YYYY-MM–YYYY-MM' for by=period, whose
 * ends are `label`'s (the months asked for, within the data: period-label.ts), else the first and
 * last month of `boundsCte`.
 */
export function periodeSql(q: ParsedQuery, label: { from?: string; to?: string }, monthCol: string, boundsCte: string): string {
  if (q.by === 'month') return `strftime(${monthCol}, '%Y-%m')`;
  if (q.by === 'year') return `strftime(${monthCol}, '%Y')`;
  const from = label.from ? `'${label.from}'` : `(SELECT strftime(min(month), '%Y-%m') FROM ${boundsCte})`;
  const to = label.to ? `'${label.to}'` : `(SELECT strftime(max(month), '%Y-%m') FROM ${boundsCte})`;
  return `${from} || '–' || ${to}`;
}

export function mergeParams(...all: Record<string, string>[]): Params {
  return Object.assign({}, ...all) as Params;
}
