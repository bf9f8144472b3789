import type { Language } from '../../platform/i18n';
import type { ExplainedCheck } from './engine/explain';
import type { RulesEvaluationRow } from './rules.repository';
import type { Outcome } from './rules.schemas';

/**
 * The checks an applicant can do something about before submitting (attach a document, renew a
 * passport or ask for a shorter permit, declare means, correct the salary). The others (the fee,
 * the legal term, the visit window) are shown elsewhere or are for the officer.
 */
export const APPLICANT_CHECKS: readonly string[] = [
  'document-completeness',
  'travel-document-validity',
  'subsistence-means',
  'highly-qualified-salary',
];

/** Tag colour per outcome (govuk-tag modifiers). */
const TAG: Record<Outcome, string> = {
  met: 'govuk-tag--green',
  'not-met': 'govuk-tag--red',
  'cannot-tell': 'govuk-tag--yellow',
};

/** A fact that was missing, as a message key (rules.fact.<path>) and where the applicant adds it. */
export interface MissingFact {
  fact: string;
  href?: string;
}

export interface CheckView {
  check: string;
  name: string;
  outcome: Outcome;
  tagClass: string;
  reasons: { text: string; citation: string; uncertain: boolean }[];
  missing: MissingFact[];
  ruleSet: string;
  version: string;
}

const viewOf = (
  c: ExplainedCheck,
  missing: (facts: string[]) => MissingFact[] = (f) => f.map((fact) => ({ fact })),
): CheckView => ({
  check: c.check,
  name: c.name,
  outcome: c.outcome,
  tagClass: TAG[c.outcome],
  reasons: c.reasons.map((r) => ({ text: r.text, citation: r.citation, uncertain: r.uncertain })),
  missing: missing(c.missing),
  ruleSet: c.ruleSet,
  version: c.version,
});

/**
 * "Checks before you submit": the applicant-fixable checks, explained in the page's language.
 * `missing` turns the engine's missing facts into the facts the applicant is asked for, with links.
 */
export function applicantChecks(
  explained: ExplainedCheck[],
  missing?: (facts: string[]) => MissingFact[],
): CheckView[] {
  return explained.filter((c) => APPLICANT_CHECKS.includes(c.check)).map((c) => viewOf(c, missing));
}

/** The case view's "Rule checks" panel: the kept evaluation, in the officer's language. */
export function casePanel(row: RulesEvaluationRow, lang: Language) {
  return {
    evaluatedAt: row.evaluated_at,
    forDate: row.for_date,
    purpose: row.purpose,
    inputHash: row.input_hash,
    ruleSets: row.rule_sets,
    closed: row.closed_at !== null,
    checks: (row.explanations[lang] ?? row.explanations.lt ?? []).map((c) => viewOf(c)),
  };
}
export type CasePanel = ReturnType<typeof casePanel>;
