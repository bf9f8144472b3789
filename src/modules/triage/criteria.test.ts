import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../platform/errors';
import {
  DEFAULT_CRITERIA_DIR,
  criteriaInForce,
  criteriaVersion,
  loadCriteria,
  parseCriteria,
} from './criteria';

const text = readFileSync(join(DEFAULT_CRITERIA_DIR, '2026-12-01.yaml'), 'utf8');
// The edits reach anywhere into the YAML data; typing each path would hide what is edited.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Data = any;
const edit = (change: (d: Data) => void) => {
  const d = parse(text) as Data;
  change(d);
  return stringify(d);
};
const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return isAppError(e) ? `${e.code} ${String(e.details?.field)}` : String(e);
  }
  return 'no error';
};

describe('triage criteria pack', () => {
  it('loads the pack: every criterion named and explained in four languages', () => {
    const [c] = loadCriteria();
    expect(c!.version).toBe('2026-12-01');
    for (const x of [...c!.flags, ...c!.weights, ...Object.values(c!.routine.conditions)])
      for (const lang of ['lt', 'en', 'ru', 'uk'] as const) {
        expect(x.name[lang].length).toBeGreaterThan(0);
        expect(x.explain[lang].length).toBeGreaterThan(0);
      }
  });

  it('refuses an unknown signal (criteria cannot reach an input triage does not have)', () => {
    const bad = edit((d) => (d.flags[0].signal = 'nationality'));
    expect(codeOf(() => parseCriteria(bad, '2026-12-01.yaml'))).toBe(
      'TRIAGE_CRITERIA_INVALID flags.0.signal',
    );
  });

  it('refuses an unknown key, a missing language, a duplicate id and a missing routine condition', () => {
    expect(
      codeOf(() =>
        parseCriteria(
          edit((d) => (d.weights[0].nationality = 'x')),
          '2026-12-01.yaml',
        ),
      ),
    ).toMatch(/^TRIAGE_CRITERIA_INVALID weights\.0/);
    expect(
      codeOf(() =>
        parseCriteria(
          edit((d) => delete d.flags[1].explain.uk),
          '2026-12-01.yaml',
        ),
      ),
    ).toBe('TRIAGE_CRITERIA_INVALID flags.1.explain.uk');
    expect(
      codeOf(() =>
        parseCriteria(
          edit((d) => (d.weights[1].id = d.weights[0].id)),
          '2026-12-01.yaml',
        ),
      ),
    ).toMatch(/^TRIAGE_CRITERIA_INVALID/);
    expect(
      codeOf(() =>
        parseCriteria(
          edit((d) => delete d.routine.conditions['points-threshold']),
          '2026-12-01.yaml',
        ),
      ),
    ).toBe('TRIAGE_CRITERIA_INVALID routine.conditions.points-threshold');
    expect(
      codeOf(() =>
        parseCriteria(
          edit((d) => delete d.flags[1].registries),
          '2026-12-01.yaml',
        ),
      ),
    ).toBe('TRIAGE_CRITERIA_INVALID flags.1.registries');
  });

  it('refuses a file whose name differs from its version, and text that is not YAML', () => {
    expect(codeOf(() => parseCriteria(text, '2027-01-01.yaml'))).toBe(
      'TRIAGE_CRITERIA_INVALID version',
    );
    expect(codeOf(() => parseCriteria('a: [', 'x.yaml'))).toMatch(/^TRIAGE_CRITERIA_INVALID/);
  });

  it('picks the version in force on the day and finds a version by name', () => {
    const first = parseCriteria(text, '2026-12-01.yaml');
    const second = { ...first, version: '2027-03-01', effectiveFrom: '2027-03-01' };
    const all = [second, first];
    expect(criteriaInForce(all, '2026-12-01').version).toBe('2026-12-01');
    expect(criteriaInForce(all, '2027-02-28').version).toBe('2026-12-01');
    expect(criteriaInForce(all, '2027-03-01').version).toBe('2027-03-01');
    expect(codeOf(() => criteriaInForce(all, '2026-11-30'))).toMatch(
      /^TRIAGE_NO_CRITERIA_IN_FORCE/,
    );
    expect(criteriaVersion(all, '2027-03-01')).toBe(second);
    expect(codeOf(() => criteriaVersion(all, '1999-01-01'))).toMatch(/^TRIAGE_VERSION_UNKNOWN/);
  });
});
