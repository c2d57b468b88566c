/**
 * Kept for callers that wrap the reconciliation statement in SQL of their own (the server's
 * suppression did): the usk_day-based builder, now in stays-sql.ts. reconcile() itself reads the
 * cube (cube-sql.ts), which gives the same figures much faster; prefer reconcile().
 */
export { reconcileSql, type Level } from './stays-sql.ts';
