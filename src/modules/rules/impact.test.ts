import { describe, expect, it } from 'vitest';
import type { CheckResult, Evaluation } from './engine/evaluate';
import { createImpactTally, diffEvaluations } from './impact';

const check = (name: string, outcome: CheckResult['outcome'], outputs = {}): CheckResult => ({
  check: name,
  table: name,
  ruleSet: name,
  version: '1',
  outcome,
  outputs: { outcome, ...outputs },
  fired: [],
  missing: [],
  parameters: {},
});
const evaluation = (...checks: CheckResult[]): Evaluation => ({
  date: '2026-04-01',
  ruleSets: [],
  checks,
});
const who = (id: string) => ({ applicationId: id, caseId: null, service: 's', input: {} });

describe('the difference between two evaluations', () => {
  it('names checks whose outcome or other outputs differ, and checks only one has', () => {
    const before = evaluation(
      check('a', 'met'),
      check('b', 'met', { fee: 100 }),
      check('c', 'met'),
    );
    const after = evaluation(
      check('a', 'not-met'),
      check('b', 'met', { fee: 120 }),
      check('d', 'met'),
    );
    expect(diffEvaluations(before, after)).toEqual([
      { check: 'a', before: 'met', after: 'not-met' },
      {
        check: 'b',
        before: 'met',
        after: 'met',
        outputs: { before: { fee: 100 }, after: { fee: 120 } },
      },
      { check: 'c', before: 'met', after: 'absent' },
      { check: 'd', before: 'absent', after: 'met' },
    ]);
    expect(diffEvaluations(before, before)).toEqual([]);
  });
});

describe('the tally', () => {
  it('counts outcome changes, output-only differences and errors apart, per service and check', () => {
    const t = createImpactTally('2026-04-01');
    t.add(who('1'), [{ check: 'a', before: 'met', after: 'not-met' }]);
    t.add(who('2'), [
      { check: 'a', before: 'met', after: 'met', outputs: { before: {}, after: {} } },
    ]);
    t.add(who('3'), []);
    t.add(who('4'), { error: 'RULES_INPUT_INVALID' });
    const s = t.summary();
    expect(s).toMatchObject({ cases: 4, changed: 1, outputsOnly: 1, errors: 1, truncated: false });
    expect(s.perService.s).toEqual({
      cases: 4,
      changed: 1,
      outputsOnly: 1,
      errors: 1,
      checks: { a: 1 },
    });
    expect(s.changes.map((c) => c.applicationId)).toEqual(['1', '4', '2']);
  });

  it('keeps outcome changes first when the list is cut; the counts stay complete', () => {
    const t = createImpactTally('2026-04-01', 10);
    for (let i = 0; i < 20; i++)
      t.add(who(`o${i}`), [
        { check: 'a', before: 'met', after: 'met', outputs: { before: {}, after: {} } },
      ]);
    for (let i = 0; i < 15; i++)
      t.add(who(`c${i}`), [{ check: 'a', before: 'met', after: 'not-met' }]);
    const s = t.summary();
    expect(s.changed).toBe(15);
    expect(s.outputsOnly).toBe(20);
    expect(s.truncated).toBe(true);
    expect(s.changes.filter((c) => c.applicationId.startsWith('c'))).toHaveLength(10);
    expect(s.changes.filter((c) => c.applicationId.startsWith('o'))).toHaveLength(1);
  });
});
