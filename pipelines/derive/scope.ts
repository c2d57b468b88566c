/**
 * Which stays a refresh rebuilds. A full rebuild reads every row (no filter: a semi-join against
 * every stay would only cost time); an incremental one reads the stays in the temp table _scope.
 */
export interface Scope {
  full: boolean;
}

/** SQL condition selecting the scope's rows by their stay column. */
export function inScope(scope: Scope, column: string): string {
  return scope.full ? 'true' : `${column} IN (SELECT stay_id FROM _scope)`;
}
