/**
 * The server's view of the query layer (pipelines/query).
 * Routes never hold a domain rule: they call these functions. The modules are loaded lazily so
 * the server can start (and serve metadata, quality and audit) in a checkout where they are absent.
 */
import type { UskDb } from '../../pipelines/db/open.ts';
import type { Finding, ReconcileQuery, ReconciliationRow, RuleSet, StayDay, StayRow } from '../../pipelines/query/contract.ts';

export interface QueryLayer {
  reconcile(db: UskDb, q: ReconcileQuery): Promise<ReconciliationRow[]>;
  stays(db: UskDb, q: ReconcileQuery): Promise<StayRow[]>;
  stayDays(db: UskDb, stayId: string, q: ReconcileQuery): Promise<StayDay[]>;
  findings(db: UskDb): Promise<Finding[]>;
  listRuleSets(db: UskDb): Promise<RuleSet[]>;
  saveRuleSet(db: UskDb, input: { id: string; name: string; params: RuleSet['params'] }): Promise<RuleSet>;
  dataVersion(db: UskDb): Promise<string | number>;
}

export class LayerMissingError extends Error {
  override readonly name = 'LayerMissingError';
}

async function importOptional<T>(relative: string, what: string): Promise<T> {
  // A non-literal specifier keeps the type checker from requiring the module to exist yet.
  const specifier = new URL(relative, import.meta.url).href;
  try {
    return (await import(specifier)) as T;
  } catch (e) {
    throw new LayerMissingError(`${what} er ikke tilgjengelig i denne versjonen`, { cause: e });
  }
}

export const loadQueryLayer = () => importOptional<QueryLayer>('../../pipelines/query/index.ts', 'Spørringslaget');
