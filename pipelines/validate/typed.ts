import type { ColumnSpec, ColumnType, Profile } from '../profiles/index.ts';
import type { HeaderMatch } from '../profiles/index.ts';
import { PARSE_ERRORS } from './parsers.ts';

/**
 * Builds the SQL that turns the staging table of VARCHARs (`stg`: line, c1…cN) into `typed`: one
 * row per record with every profile column parsed, plus the list of what is wrong with it
 * (`errors`, which rejects the row) and what is worth a warning (`warns`). All in one statement,
 * so a file of millions of rows is checked in bulk.
 */
const q = (s: string) => `'${s.replaceAll("'", "''")}'`;

const SQL_TYPE: Record<ColumnType, string> = {
  text: 'VARCHAR', patient: 'VARCHAR', kommunenr: 'VARCHAR', fagomrade: 'VARCHAR', timestamp: 'TIMESTAMP',
  date: 'DATE', integer: 'BIGINT', amount: 'DECIMAL(14,2)', event_code: 'VARCHAR', event_text: 'VARCHAR', invoice_type: 'VARCHAR',
};

function parse(type: ColumnType, x: string): string {
  switch (type) {
    case 'text': return `usk_text(${x})`;
    case 'patient': return x; // already a pseudonym in stg
    case 'kommunenr': return `usk_kommunenr(${x})`;
    case 'fagomrade': return `usk_fagomrade(${x})`;
    case 'timestamp': return `usk_timestamp(${x})`;
    case 'date': return `usk_timestamp(${x})::DATE`;
    case 'integer': return `usk_integer(${x})`;
    case 'amount': return `usk_number(${x})::DECIMAL(14,2)`;
    case 'event_code': return `usk_event_code(${x})`;
    case 'event_text': return `usk_event_text(${x})`;
    case 'invoice_type': return `usk_invoice_type(${x})`;
  }
}

export function stagingColumn(match: HeaderMatch, key: string): string | undefined {
  const i = match.columns.get(key);
  return i === undefined ? undefined : `c${i + 1}`;
}

/** The typed-row CTE columns: for each profile column, raw_<key>, <key> (and <key>_has_time). */
function typedColumns(profile: Profile, match: HeaderMatch): string[] {
  return profile.columns.flatMap((col) => {
    const s = stagingColumn(match, col.key);
    const raw = s ? (col.type === 'patient' ? s : `usk_text(s.${s})`) : 'NULL::VARCHAR';
    const parsed = s ? parse(col.type, `s.${s}`) : `NULL::${SQL_TYPE[col.type]}`;
    const out = [`${raw} AS raw_${col.key}`, `${parsed} AS ${col.key}`];
    if (col.type === 'timestamp') out.push(`${s ? `usk_has_time(s.${s})` : 'NULL::BOOLEAN'} AS ${col.key}_has_time`);
    return out;
  });
}

function columnError(col: ColumnSpec, headerName: string): string {
  const raw = `t.raw_${col.key}`;
  const value = col.type === 'patient' ? `CASE WHEN ${raw} IS NULL THEN NULL ELSE '(maskert)' END` : raw;
  const cases = [
    col.required ? `WHEN ${raw} IS NULL THEN 'mangler verdi (påkrevd kolonne)'` : '',
    `WHEN ${raw} IS NOT NULL AND t.${col.key} IS NULL THEN ${q(PARSE_ERRORS[col.type] ?? 'ugyldig verdi')}`,
    col.min !== undefined ? `WHEN t.${col.key} < ${col.min} THEN ${q(`verdien kan ikke være under ${col.min}`)}` : '',
    col.type === 'kommunenr' ? `WHEN t.${col.key} IS NOT NULL AND k.kommunenr IS NULL THEN 'kommunenummer ' || t.${col.key} || ' har aldri eksistert (forventet et nummer fra SSBs kommuneliste)'` : '',
  ].filter(Boolean);
  return `{'column_name': ${q(headerName)}, 'value': ${value}, 'reason': CASE ${cases.join(' ')} END}`;
}

export interface TypedSql {
  sql: string;
  /** canonical key → header as written in the file (or the canonical header when absent) */
  headerNames: Map<string, string>;
}

export function typedSql(profile: Profile, match: HeaderMatch, cells: readonly string[]): TypedSql {
  const headerNames = new Map(
    profile.columns.map((c) => {
      const i = match.columns.get(c.key);
      return [c.key, i === undefined ? c.header : (cells[i] ?? c.header)];
    }),
  );
  const name = (key: string) => headerNames.get(key) ?? key;
  const kommunenrCol = profile.columns.find((c) => c.type === 'kommunenr');
  const errors = [
    ...profile.columns.filter((c) => match.columns.has(c.key) || c.required).map((c) => columnError(c, name(c.key))),
    ...profile.checks
      .filter((c) => c.severity === 'reject')
      .map((c) => checkStruct(c.failsWhen, c.message, c.column ? name(c.column) : null, c.column)),
  ];
  const warns = [
    ...profile.checks
      .filter((c) => c.severity === 'warning')
      .map((c) => checkStruct(c.failsWhen, c.message, c.column ? name(c.column) : null, c.column, c.code)),
  ];
  if (kommunenrCol) {
    const k = kommunenrCol.key;
    const year = `year(t.${profile.yearFrom})`;
    warns.push(
      `{'column_name': ${q(name(k))}, 'value': t.${k}, 'code': 'kommunenr-utenfor-gyldighet', 'reason': CASE WHEN ${year} < k.valid_from OR ${year} > k.valid_to THEN 'Kommunenr ' || t.${k} || ' (' || k.navn || ') var ikke gyldig i ' || ${year} || '; regnes som ' || k.current_nr || ' ' || k.current_navn END}`,
    );
  }
  const kommuneJoin = kommunenrCol ? `LEFT JOIN ref_kommune k ON k.kommunenr = t.${kommunenrCol.key}` : 'LEFT JOIN (SELECT NULL AS kommunenr) k ON false';
  const sql = `
    CREATE OR REPLACE TEMP TABLE typed AS
    WITH t AS (SELECT s.line, ${typedColumns(profile, match).join(',\n      ')} FROM stg s)
    SELECT t.*,
      list_filter([${errors.join(',\n        ')}], e -> e.reason IS NOT NULL) AS errors,
      list_filter([${warns.join(',\n        ')}]::STRUCT(column_name VARCHAR, value VARCHAR, code VARCHAR, reason VARCHAR)[], e -> e.reason IS NOT NULL) AS warns
    FROM t ${kommuneJoin}
    LEFT JOIN ref_rate r ON r.year = year(t.${profile.yearFrom})`;
  return { sql, headerNames };
}

function checkStruct(failsWhen: string, message: string, headerName: string | null, key: string | undefined, code?: string): string {
  const value = key ? `t.raw_${key}` : 'NULL';
  const parts = message.split('{value}').map(q);
  const text = parts.length > 1 ? parts.join(` || coalesce(${value}, '') || `) : parts[0]!;
  return `{'column_name': ${headerName === null ? 'NULL' : q(headerName)}, 'value': ${value}, ${code ? `'code': ${q(code)}, ` : ''}'reason': CASE WHEN ${failsWhen} THEN ${text} END}`;
}
