import { describe, expect, it } from 'vitest';
import { MESSAGES_DIR } from '../../app/context';
import { createI18n, LANGUAGES } from '../../platform/i18n';
import type { ExplainedCheck } from './engine/explain';
import type { RulesEvaluationRow } from './rules.repository';
import { APPLICANT_CHECKS, applicantChecks, casePanel } from './rules.view';
import { SNAPSHOT_FACTS } from './snapshot';

const explained = (check: string, outcome: ExplainedCheck['outcome']): ExplainedCheck => ({
  check,
  name: `${check} name`,
  outcome,
  reasons: [{ rule: 'r', outcome, text: 'because', citation: 'Law, Art. 1', uncertain: true }],
  missing: outcome === 'cannot-tell' ? ['travelDocument.monthsValidAfterPermit'] : [],
  ruleSet: 'set',
  version: '1',
});

describe('rule checks as pages show them', () => {
  it('every fact a check can lack has words in all four languages', () => {
    const i18n = createI18n(MESSAGES_DIR);
    for (const lang of LANGUAGES)
      for (const fact of SNAPSHOT_FACTS)
        expect(i18n.has(lang, `rules.fact.${fact}`), `${lang} ${fact}`).toBe(true);
  });

  it('before submission: only the checks an applicant can fix, with the facts to give', () => {
    const view = applicantChecks(
      [
        explained('fee-due', 'met'),
        explained('travel-document-validity', 'cannot-tell'),
        explained('document-completeness', 'not-met'),
      ],
      (facts) => facts.map((fact) => ({ fact, href: '/here' })),
    );
    expect(view.map((c) => c.check)).toEqual(['travel-document-validity', 'document-completeness']);
    expect(view[0]).toMatchObject({
      tagClass: 'govuk-tag--yellow',
      missing: [{ fact: 'travelDocument.monthsValidAfterPermit', href: '/here' }],
      reasons: [{ text: 'because', citation: 'Law, Art. 1', uncertain: true }],
    });
    expect(view[1]!.tagClass).toBe('govuk-tag--red');
    expect(APPLICANT_CHECKS).toContain('subsistence-means');
  });

  it('in the case view: every kept check in the officer’s language', () => {
    const row = {
      evaluated_at: new Date('2026-03-02T09:00:00Z'),
      for_date: '2026-03-02',
      purpose: 'submission',
      input_hash: 'a'.repeat(64),
      rule_sets: [{ id: 'set', version: '1', hash: 'b'.repeat(64) }],
      closed_at: null,
      explanations: {
        lt: [explained('fee-due', 'met')],
        en: [{ ...explained('fee-due', 'met'), name: 'The fee' }],
        ru: [],
        uk: [],
      },
    } as unknown as RulesEvaluationRow;
    const panel = casePanel(row, 'en');
    expect(panel).toMatchObject({
      forDate: '2026-03-02',
      inputHash: 'a'.repeat(64),
      closed: false,
    });
    expect(panel.checks.map((c) => [c.name, c.tagClass])).toEqual([
      ['The fee', 'govuk-tag--green'],
    ]);
  });
});
