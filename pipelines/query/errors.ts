/** Errors of the query layer that a user can act on (the CLI prints the message, the server maps them to 4xx). */

/** The rule set asked for does not exist (message names the ones that do). */
export class UnknownRuleSetError extends Error {
  override readonly name = 'UnknownRuleSetError';
  constructor(readonly ruleSetId: string, known: string[]) {
    super(`Ukjent regelsett «${ruleSetId}». Kjente regelsett: ${known.join(', ')}`);
  }
}

/** A preset was about to be overwritten, or a rule set definition is invalid. */
export class RuleSetError extends Error {
  override readonly name = 'RuleSetError';
}

/** A query's parameters do not fit (e.g. from after to). */
export class QueryInputError extends Error {
  override readonly name = 'QueryInputError';
}
