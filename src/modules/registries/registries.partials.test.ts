import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../platform/i18n';
import { partialRenderer } from '../../platform/testing';
import type { RegistryCheck } from './registries.types';
import { registryApplicantView, registryCasePanel } from './registries.view';

const { render, i18n } = partialRenderer('modules/registries/views');

const at = new Date('2026-12-01T09:00:00Z');
const checks: RegistryCheck[] = [
  {
    caseId: 'c1',
    registry: 'sis',
    state: 'answered',
    outcome: 'hit',
    reasonCode: 'sis-entry-ban-alert',
    details: { alertId: 'SIS-POL-1', insuredAsEmployee: false },
    requestedAt: at,
    answeredAt: at,
    expectedBy: null,
    attempts: 0,
    lastError: null,
  },
  {
    caseId: 'c1',
    registry: 'vsd',
    state: 'waiting',
    outcome: null,
    reasonCode: null,
    details: {},
    requestedAt: at,
    answeredAt: null,
    expectedBy: new Date('2026-12-10T09:00:00Z'),
    attempts: 1,
    lastError: 'timed out',
  },
];

describe('registry partials', () => {
  it.each(LANGUAGES)('render for staff in %s with every text found', (lang) => {
    const html = render('_case-panel.njk', lang, { registryChecks: registryCasePanel(checks) });
    expect(html).toContain('data-reason="sis-entry-ban-alert"');
    expect(html).toContain('SIS-POL-1');
    expect(html).toContain(i18n.t(lang, 'registries.name.vsd'));
    expect(html).toContain(i18n.t(lang, 'registries.detail.alertId'));
    expect(html).toContain(i18n.t(lang, 'registries.value.no'));
    expect(html).not.toMatch(/registries\.[a-z]/); // a missing key would show as its name
  });

  it.each(LANGUAGES)('render for the applicant in %s without what was found', (lang) => {
    const html = render('_applicant-checks.njk', lang, {
      registryChecks: registryApplicantView(checks),
    });
    expect(html).toContain('data-status="officer-looks"');
    expect(html).toContain(i18n.t(lang, 'registries.applicant.security'));
    expect(html).not.toMatch(/SIS-POL-1|entry-ban|registries\.[a-z]/);
  });
});
