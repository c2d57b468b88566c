/**
 * When two DIPS rows of one stay count the same dates (decision 25 in query/README.md): the dates a
 * row counts are every started day from its Utskrivningsklar (its USK-døgn), and two rows overlap
 * when the earlier one's last counted date lies after the later one's first, that is by more than
 * the one date a re-declaration on the same day shares. One rule for the finding `dips-overlapp`
 * (derive/findings.ts) and the warning of the same name at load (load/dips-overlap.ts).
 */
export function datesOverlapSql(earlier: { ready: string; days: string }, laterReady: string): string {
  return `((${earlier.ready})::DATE + (${earlier.days}) - 1 > (${laterReady})::DATE)`;
}
