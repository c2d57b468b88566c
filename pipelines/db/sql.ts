/** A text as an SQL string literal, for values written into generated SQL (reference data, messages, paths): quotes doubled. */
export const sqlString = (s: string): string => `'${s.replaceAll("'", "''")}'`;
