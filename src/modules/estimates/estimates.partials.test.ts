import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../platform/i18n';
import { partialRenderer } from '../../platform/testing';
import { estimateOutcome, type EstimateInput } from './estimator';
import type { CaseEstimate } from './estimates.module';
import { applicantEstimateView, caseEstimateView } from './estimates.view';

const { render, i18n } = partialRenderer('modules/estimates/views');

const input: EstimateInput = {
  today: '2027-03-10',
  legalDeadline: '2027-03-31',
  queueAhead: 99,
  dailyThroughput: Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 3 : 7)),
  pendingRegistryUntil: '2027-03-15',
  suspended: null,
  holidays: [],
};
const late: CaseEstimate = { ...estimateOutcome(input), today: input.today, input };
const none: CaseEstimate = {
  ...estimateOutcome({ ...input, dailyThroughput: [] }),
  today: input.today,
};

/** Message text as autoescaped HTML shows it. */
const escaped = (text: string) => text.replaceAll("'", '&#39;').replaceAll('"', '&quot;');

describe('estimate partials', () => {
  it.each(LANGUAGES)(
    'the applicant sees the range and, honestly, the late deadline (%s)',
    (lang) => {
      const html = render('_applicant-estimate.njk', lang, {
        decisionEstimate: applicantEstimateView(late),
      });
      expect(html).toContain('data-testid="estimate-deadline-warning"');
      expect(html).toContain(escaped(i18n.t(lang, 'estimates.applicant.likely-passes')));
      expect(html).toContain(escaped(i18n.t(lang, 'estimates.applicant.waitingFor.registries')));
      expect(html).not.toMatch(/estimates\.[a-z]/); // a missing key would show as its name
      expect(html).not.toContain('99'); // the queue is staff working data
    },
  );

  it.each(LANGUAGES)('staff see the basis, and why there is none (%s)', (lang) => {
    const html = render('_case-estimate.njk', lang, { caseEstimate: caseEstimateView(late) });
    expect(html).toContain('govuk-tag--red');
    expect(html).toMatch(/>\s*99\s*</);
    expect(html).not.toMatch(/estimates\.[a-z]/);
    const empty = render('_case-estimate.njk', lang, { caseEstimate: caseEstimateView(none) });
    expect(empty).toContain(escaped(i18n.t(lang, 'estimates.panel.none.no-history')));
  });

  it('renders nothing without an estimate', () => {
    expect(render('_applicant-estimate.njk', 'en', { decisionEstimate: null }).trim()).toBe('');
  });
});
