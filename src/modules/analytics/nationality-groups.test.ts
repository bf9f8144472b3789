import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../platform/errors';
import {
  DEFAULT_NATIONALITY_GROUPS_FILE,
  loadNationalityGroups,
  parseNationalityGroups,
} from './nationality-groups';

const groups = loadNationalityGroups();
const raw = () =>
  parse(fs.readFileSync(DEFAULT_NATIONALITY_GROUPS_FILE, 'utf8')) as {
    groups: { id: string; codes: string[] }[];
  };
const codeOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (isAppError(e)) return e.code;
    throw e;
  }
  throw new Error('expected an error');
};
const EU_LESS_LT =
  'AUT BEL BGR HRV CYP CZE DNK EST FIN FRA DEU GRC HUN IRL ITA LVA LUX MLT NLD POL PRT ROU SVK SVN ESP SWE';

describe('nationality groups file', () => {
  it("has exactly the simulation's groups, plus unknown", () => {
    const simFile = path.resolve(
      path.dirname(fileURLToPath(import.meta.url)),
      '../../../content/lt/analytics/simulation.yaml',
    );
    const sim = parse(fs.readFileSync(simFile, 'utf8')) as { groups: string[] };
    expect([...groups.ids].sort()).toEqual([...sim.groups, 'unknown'].sort());
  });

  it('maps the main nationalities, Lithuania and the other member states', () => {
    const expected: Record<string, string> = {
      UKR: 'UA',
      BLR: 'BY',
      RUS: 'RU',
      UZB: 'UZ',
      IND: 'IN',
      KAZ: 'KZ',
      TJK: 'TJ',
      AZE: 'AZ',
      KGZ: 'KG',
      LTU: 'LT',
    };
    for (const [code, group] of Object.entries(expected))
      expect(groups.groupOf(code), code).toBe(group);
    const eu = raw().groups.find((g) => g.id === 'EU')!.codes;
    expect([...eu].sort()).toEqual(EU_LESS_LT.split(' ').sort());
    for (const code of eu) expect(groups.groupOf(code), code).toBe('EU');
  });

  it('puts unlisted codes in other and a missing answer in unknown', () => {
    for (const code of ['USA', 'NOR', 'CHE', 'XXA', 'ZZZ'])
      expect(groups.groupOf(code), code).toBe('other');
    for (const none of [undefined, null, '', '  ']) expect(groups.groupOf(none)).toBe('unknown');
    // Answers are stored upper case; tolerate stray case and spaces rather than miscount.
    expect(groups.groupOf(' ukr ')).toBe('UA');
  });

  it('names every group in the four languages, and an unknown id as itself', () => {
    expect(groups.name('UA', 'uk')).toBe('Україна');
    expect(groups.name('EU', 'en')).toBe('Other EU member states');
    for (const g of groups.groups)
      for (const lang of ['lt', 'en', 'ru', 'uk'] as const) expect(g.names[lang]).not.toBe('');
    expect(groups.name('XX', 'lt')).toBe('XX');
  });
});

describe('nationality groups validation', () => {
  it('refuses a code in two groups with its own code', () => {
    const f = raw();
    f.groups.find((g) => g.id === 'RU')!.codes.push('BLR');
    expect(codeOf(() => parseNationalityGroups(f))).toBe(
      'ANALYTICS_NATIONALITY_CODE_IN_TWO_GROUPS',
    );
  });

  it.each([
    ['a malformed code', (f: ReturnType<typeof raw>) => f.groups[0]!.codes.push('UA')],
    [
      'a code twice in one group',
      (f: ReturnType<typeof raw>) => f.groups[0]!.codes.push(f.groups[0]!.codes[0]!),
    ],
    [
      'a group listed twice',
      (f: ReturnType<typeof raw>) => f.groups.push({ ...f.groups[0]!, codes: ['ZZZ'] }),
    ],
    [
      'no other group',
      (f: ReturnType<typeof raw>) => (f.groups = f.groups.filter((g) => g.id !== 'other')),
    ],
    [
      'codes under unknown',
      (f: ReturnType<typeof raw>) => f.groups.find((g) => g.id === 'unknown')!.codes.push('ZZZ'),
    ],
    ['a group without codes', (f: ReturnType<typeof raw>) => (f.groups[0]!.codes = [])],
    [
      'an unknown field',
      (f: ReturnType<typeof raw>) => Object.assign(f.groups[0]!, { colour: 'red' }),
    ],
  ])('refuses %s', (_, spoil) => {
    const f = raw();
    spoil(f);
    expect(codeOf(() => parseNationalityGroups(f))).toBe('ANALYTICS_NATIONALITY_GROUPS_INVALID');
  });

  it('refuses a missing or unparsable file', () => {
    expect(codeOf(() => loadNationalityGroups('/nonexistent/groups.yaml'))).toBe(
      'ANALYTICS_NATIONALITY_GROUPS_INVALID',
    );
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vartai-groups-'));
    const bad = path.join(dir, 'groups.yaml');
    fs.writeFileSync(bad, 'groups: [unclosed');
    try {
      expect(codeOf(() => loadNationalityGroups(bad))).toBe('ANALYTICS_NATIONALITY_GROUPS_INVALID');
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });
});
