/**
 * The query layer: the one door the CLI, the server and the notebooks use. Inputs are parsed with
 * the zod schemas of contract.ts; every figure comes from one SQL query over the derived tables.
 */
export * from './contract.ts';
export { reconcile, stays, type ReconcileOptions } from './reconcile.ts';
export { stayDays } from './stay-days.ts';
export { findings, FindingFilter } from './findings.ts';
export { listRuleSets, getRuleSet, saveRuleSet, resolveRules, NewRuleSet, type EffectiveRules } from './rules.ts';
export { dataAsOf, databaseId, dataMonths, dataVersion, metadata } from './meta.ts';
export { UnknownRuleSetError, RuleSetError, QueryInputError } from './errors.ts';
export { refreshDerived, ensureDerivedFresh } from '../derive/index.ts';
export { monthFacts } from './month-facts.ts';
export { rejectedCountsFor, rejectedRowsByMonth, rejectedRowsFor, RejectedRow, type RejectedCounts, type RejectedInSelection, type RejectedRowCount } from './rejected.ts';
export { invoiceLines, InvoiceLine } from './invoice-lines.ts';
