import { describe, expect, it } from 'vitest';
import { MESSAGES_DIR } from './context';
import { CASE_STATUSES } from '../modules/cases';
import { createI18n, LANGUAGES } from '../platform/i18n';
import { applicantStatus } from './assistant-cases.wiring';

/** The status the assistant tells an applicant: never the Department's internal proposals. */
describe('applicantStatus', () => {
  it('hides proposals awaiting the second pair of eyes', () => {
    expect(applicantStatus('decision-proposed')).toBe('in-examination');
    expect(applicantStatus('revocation-proposed')).toBe('granted');
    expect(applicantStatus('revocation-proposed', { state: 'issued' })).toBe('issued');
    expect(applicantStatus('ready-for-collection')).toBe('ready-for-collection');
  });

  it('has a label in every language for every status it can give', () => {
    const i18n = createI18n(MESSAGES_DIR);
    for (const status of CASE_STATUSES)
      for (const lang of LANGUAGES)
        expect(i18n.has(lang, `assistantOwnCase.statusLabel.${applicantStatus(status)}`)).toBe(
          true,
        );
  });
});
