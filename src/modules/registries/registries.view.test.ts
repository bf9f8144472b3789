import { describe, expect, it } from 'vitest';
import type { RegistryCheck } from './registries.types';
import { registryApplicantView, registryCasePanel } from './registries.view';

const at = new Date('2026-12-01T09:00:00Z');
const check = (over: Partial<RegistryCheck>): RegistryCheck => ({
  caseId: 'c1',
  registry: 'sis',
  state: 'answered',
  outcome: 'clear',
  reasonCode: null,
  details: {},
  requestedAt: at,
  answeredAt: at,
  expectedBy: null,
  attempts: 0,
  lastError: null,
  ...over,
});

const checks = [
  check({ outcome: 'hit', reasonCode: 'sis-entry-ban-alert', details: { alertId: 'SIS-1' } }),
  check({ registry: 'sodra', outcome: 'confirmed' }),
  check({ registry: 'vsd', outcome: 'hit', reasonCode: 'vsd-negative-opinion' }),
  check({
    registry: 'employment',
    state: 'retrying',
    outcome: null,
    answeredAt: null,
    attempts: 2,
    lastError: 'timed out',
  }),
];

describe('registry views', () => {
  it('show staff the state, outcome, reason, facts and failures', () => {
    const panel = registryCasePanel(checks);
    expect(panel.needsLook).toBe(2);
    expect(panel.pending).toBe(1);
    expect(panel.rows[0]).toMatchObject({
      outcomeTagClass: 'govuk-tag--red',
      reasonCode: 'sis-entry-ban-alert',
      details: [{ key: 'alertId', value: 'SIS-1' }],
    });
    expect(panel.rows[3]).toMatchObject({ attempts: 2, lastError: 'timed out' });
  });

  it('tell the applicant only whether anything stands in the way, never what was found', () => {
    const view = registryApplicantView(checks);
    expect(view.items.map((i) => i.status)).toEqual([
      'officer-looks',
      'nothing-in-the-way',
      'done',
      'waiting',
    ]);
    expect(JSON.stringify(view)).not.toMatch(/SIS-1|sis-entry-ban|vsd-negative|hit/);
    expect(view.allAnswered).toBe(false);
  });
});
