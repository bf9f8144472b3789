import { AppError } from '../../platform/errors';

/** Where in a rule set something is wrong: the set, version, table, rule and cell (docs/errors.md). */
export interface RulePlace {
  ruleSet: string;
  version?: string;
  table?: string;
  rule?: string;
  /** "when[2]" (the third input's test), "then.outcome", "input.salary", "explain.en". */
  cell?: string;
}

const where = (p: RulePlace) =>
  [
    `rule set ${p.ruleSet}${p.version ? ` version ${p.version}` : ''}`,
    p.table && `table ${p.table}`,
    p.rule && `rule ${p.rule}`,
    p.cell && `cell ${p.cell}`,
  ]
    .filter(Boolean)
    .join(', ');

/** Stable codes of the rules module (docs/errors.md). */
export const rulesErrors = {
  invalid: (file: string, field: string, problem: string) =>
    new AppError(
      'RULES_SET_INVALID',
      'validation',
      `Rule set ${file}: ${field || '(file)'}: ${problem}`,
      {
        file,
        field,
        problem,
      },
    ),
  feelInvalid: (p: RulePlace, text: string, problem: string) =>
    new AppError(
      'RULES_FEEL_INVALID',
      'validation',
      `${where(p)}: FEEL "${text}" does not compile: ${problem}`,
      {
        ...p,
        text,
        problem,
      },
    ),
  explanationInvalid: (p: RulePlace, problem: string) =>
    new AppError(
      'RULES_EXPLANATION_INVALID',
      'validation',
      `${where(p)}: explanation template: ${problem}`,
      {
        ...p,
        problem,
      },
    ),
  uniqueOverlap: (p: RulePlace, rules: string[]) =>
    new AppError(
      'RULES_UNIQUE_OVERLAP',
      'validation',
      `${where(p)}: hit policy UNIQUE but rules ${rules.join(' and ')} both apply`,
      { ...p, rules },
    ),
  parameterMissing: (p: RulePlace, parameter: string, ref: string, date: string) =>
    new AppError(
      'RULES_PARAMETER_MISSING',
      'validation',
      `${where(p)}: parameter ${parameter} (${ref}) has no value in force on ${date}`,
      { ...p, parameter, ref, date },
    ),
  notInForce: (ruleSet: string, date: string) =>
    new AppError(
      'RULES_NOT_IN_FORCE',
      'not_found',
      `No version of rule set ${ruleSet} is in force on ${date}`,
      {
        ruleSet,
        date,
      },
    ),
  unknownRuleSet: (ruleSet: string, by?: string) =>
    new AppError(
      'RULES_SET_UNKNOWN',
      'not_found',
      `No rule set ${ruleSet}${by ? ` (used by ${by})` : ''}`,
      { ruleSet, ...(by ? { usedBy: by } : {}) },
    ),
  testsFailed: (ruleSet: string, version: string, failures: string[]) =>
    new AppError(
      'RULES_TESTS_FAILED',
      'validation',
      `Rule set ${ruleSet} version ${version}: ${failures.length} table test(s) fail: ${failures.join('; ')}`,
      { ruleSet, version, failures },
    ),
  inputInvalid: (problem: string) =>
    new AppError('RULES_INPUT_INVALID', 'validation', `Evaluation input: ${problem}`, { problem }),
};
