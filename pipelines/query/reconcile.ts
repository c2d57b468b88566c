/**
 * reconcile() and stays(): registered against invoiced per municipality × period × care area, and
 * the per-stay detail behind it. Both run one SQL query (reconcile-sql.ts) over the derived tables.
 */
import type { UskDb } from '../db/open.ts';
import { ensureDerivedSchema } from '../derive/schema.ts';
import { ReconciliationRow, StayRow, type ReconcileQuery } from './contract.ts';
import { parseQuery } from './filters.ts';
import { reconcileSql } from './reconcile-sql.ts';
import { resolveRules } from './rules.ts';

export async function reconcile(db: UskDb, input: ReconcileQuery): Promise<ReconciliationRow[]> {
  await ensureDerivedSchema(db);
  const q = parseQuery(input);
  const { params } = await resolveRules(db, q);
  const { sql, params: p } = reconcileSql(params, q, 'group');
  const rows = await db.all<ReconciliationRow>(sql, p);
  // Key order as the export documents it; values are already numbers (cast in SQL).
  return rows.map((r) => ReconciliationRow.parse(r));
}

export async function stays(db: UskDb, input: ReconcileQuery): Promise<StayRow[]> {
  await ensureDerivedSchema(db);
  const q = parseQuery(input);
  const { params } = await resolveRules(db, q);
  const { sql, params: p } = reconcileSql(params, q, 'stay');
  const rows = await db.all<StayRow>(sql, p);
  return rows.map((r) => StayRow.parse(r));
}
