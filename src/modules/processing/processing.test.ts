import { describe, expect, it } from 'vitest';
import type { RegistryCheck } from '../registries';
import { featuresOf, inputRefOf, proposalChecks, subjectOf } from './features';
import { stalenessOf } from './prepared-grant.service';
import { applicantAutomationView } from './processing.view';
import type { IdentityResult, RulesResult } from './processing.types';

const check = (
  registry: RegistryCheck['registry'],
  state: RegistryCheck['state'],
  outcome: RegistryCheck['outcome'],
): RegistryCheck => ({
  caseId: 'c',
  registry,
  state,
  outcome,
  reasonCode: null,
  details: { alertId: 'secret' },
  requestedAt: new Date(0),
  answeredAt: null,
  expectedBy: null,
  attempts: 0,
  lastError: null,
});
const identity: IdentityResult = { outcome: 'linked', personId: 'p1', ref: 'person-record:r1' };
const rules: RulesResult = {
  state: 'done',
  ref: 'rules-evaluation:e1',
  checks: [
    { check: 'document-completeness', outcome: 'met' },
    { check: 'fee-due', outcome: 'met' },
    { check: 'subsistence-means', outcome: 'cannot-tell' },
    { check: 'travel-document-validity', outcome: 'not-met' },
  ],
};
const documents = { travelDocumentReadable: true, inconsistencies: ['b', 'a'] };

describe('the triage features the pipeline builds', () => {
  it('counts eligibility without completeness and informational checks, and keeps no register details', () => {
    const f = featuresOf({
      identity,
      checks: [check('vsd', 'waiting', null), check('sis', 'answered', 'hit')],
      rules,
      documents,
    });
    expect(f).toEqual({
      completeness: 'complete',
      eligibility: { met: 0, notMet: 1, cannotTell: 1 },
      registries: [
        { registry: 'sis', state: 'answered', outcome: 'hit' },
        { registry: 'vsd', state: 'waiting', outcome: null },
      ],
      identity: 'linked',
      documents: { travelDocumentReadable: true, travelDocumentValidForPermit: false },
      inconsistencies: ['a', 'b'],
    });
    expect(JSON.stringify(f)).not.toContain('secret');
  });

  it('says no rule set as null eligibility and unknown completeness', () => {
    const f = featuresOf({
      identity,
      checks: [],
      rules: { state: 'skipped', ref: 'rules:none', checks: [] },
      documents,
    });
    expect(f.eligibility).toBeNull();
    expect(f.completeness).toBe('unknown');
  });

  it('changes the input reference exactly when a register answers', () => {
    const before = [check('sis', 'waiting', null)];
    const after = [check('sis', 'answered', 'clear')];
    const ref = (c: RegistryCheck[]) =>
      inputRefOf(identity, c, rules, featuresOf({ identity, checks: c, rules, documents }));
    expect(ref(before)).toBe(ref([check('sis', 'waiting', null)]));
    expect(ref(before)).not.toBe(ref(after));
    expect(ref(after)).toMatch(
      /^person-record:r1;registry-checks:[0-9a-f]{16};rules-evaluation:e1;features:/,
    );
  });

  it('asks the registers about the person in the answers, or the name the filer gave', () => {
    const app = {
      id: 'a',
      serviceId: 's',
      groundId: 'g',
      answers: {},
      forPersonName: 'Ona Marija Kazlauskaitė',
      forPersonBirthDate: '2015-01-02',
    };
    const c = {
      id: 'c',
      application_id: 'a',
      service_id: 's',
      ground_id: 'g',
      status: 'submitted',
    };
    expect(subjectOf(app, identity, c)).toMatchObject({
      givenNames: 'Ona Marija',
      surname: 'Kazlauskaitė',
      dateOfBirth: '2015-01-02',
      personId: 'p1',
    });
  });

  it('lists the checks behind a prepared grant', () => {
    expect(
      proposalChecks(identity, [check('sis', 'answered', 'clear')], rules).map(
        (c) => `${c.kind}:${c.id}`,
      ),
    ).toEqual([
      'identity:persons-register',
      'rule:document-completeness',
      'rule:fee-due',
      'rule:subsistence-means',
      'rule:travel-document-validity',
      'registry:sis',
    ]);
  });
});

describe('a prepared grant', () => {
  const prepared = { state: 'prepared' as const, action_seq: 3 };
  it('still stands after acceptance and the start of the examination', () => {
    expect(
      stalenessOf(prepared, 'in-examination', [
        { seq: 4, kind: 'accepted' },
        { seq: 5, kind: 'examination-started' },
      ]),
    ).toBeNull();
  });
  it('is stale once the case changed, was decided, or before acceptance', () => {
    expect(
      stalenessOf(prepared, 'information-requested', [{ seq: 4, kind: 'information-requested' }]),
    ).toBe('changed');
    expect(stalenessOf(prepared, 'granted', [])).toBe('decided');
    expect(stalenessOf(prepared, 'awaiting-visit', [])).toBe('not-accepted');
    expect(stalenessOf({ ...prepared, state: 'superseded' }, 'accepted', [])).toBe('superseded');
    expect(stalenessOf({ ...prepared, state: 'used' }, 'granted', [])).toBe('used');
  });
});

describe('what the applicant is told', () => {
  it('never carries the tier', () => {
    const at = new Date(0);
    const step = (s: 'identity' | 'rules' | 'triage', result: Record<string, unknown>) => ({
      case_id: 'c',
      run_seq: 1,
      step: s,
      state: 'done' as const,
      trigger: 'submitted' as const,
      input_ref: 'x',
      result,
      at,
    });
    const view = applicantAutomationView([
      step('identity', { outcome: 'review-pending' }),
      step('rules', { met: 2, notMet: 1, cannotTell: 0 }),
      step('triage', { tier: 'enhanced' }),
    ]);
    expect(view).toEqual({ identity: 'in-progress', rules: { met: 2, total: 3 } });
    expect(JSON.stringify(view)).not.toContain('enhanced');
  });
});
