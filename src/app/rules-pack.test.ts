import { describe, expect, it } from 'vitest';
import { createCatalogueModule, DEFAULT_PACK_ROOT } from '../modules/catalogue';
import {
  createRuleBook,
  explainAll,
  loadRuleSets,
  parseRuleSet,
  runTableTests,
} from '../modules/rules';
import { parameterResolverFrom } from './rules-parameters';

/**
 * The country pack's rule sets (content/lt/rules) against the pack's own dated values and fees:
 * every table test passes, every rule cites an act and a source, every explanation renders, and
 * broken tables fail with errors that name the place.
 */
const catalogue = createCatalogueModule();
const resolve = parameterResolverFrom(catalogue);
const sets = loadRuleSets(DEFAULT_PACK_ROOT);
const book = createRuleBook(sets, resolve);

describe('country pack rule sets', () => {
  it.each(sets.map((s) => [`${s.file.id}@${s.file.version}`, s] as const))(
    '%s: its table tests pass',
    (_name, set) => {
      expect(set.file.tests.length).toBeGreaterThan(0);
      expect(runTableTests(book, set)).toEqual([]);
    },
  );

  it('has the checks issue 6 asks for, in the temporary residence permit', () => {
    const checks = book
      .forService('temporary-residence-permit', '2026-03-01')
      .flatMap((s) => s.tables.map((t) => t.def.check));
    expect(checks).toEqual(
      expect.arrayContaining([
        'document-completeness',
        'travel-document-validity',
        'subsistence-means',
        'highly-qualified-salary',
        'visit-window',
        'fee-due',
        'legal-term',
        'work-quota',
      ]),
    );
  });

  it('requires exactly the documents of the service file, per ground', () => {
    for (const set of sets.filter((s) => s.file.service)) {
      const table = set.tables.find((t) => t.def.check === 'document-completeness')?.def;
      if (!table) continue;
      for (const ground of catalogue.getService(set.file.service!).grounds) {
        const rules = table.rules.filter((r) => r.when[0] === `"${ground.id}"`);
        expect(
          rules.map((r) => r.id),
          `${set.file.id} ${ground.id}`,
        ).toEqual(ground.documents.map((d) => `${ground.id}-${d.ref}`));
        ground.documents.forEach((d, i) => {
          const [, kind, age] = rules[i]!.when;
          expect(kind, rules[i]!.id).toBe(d.firstApplicationOnly ? '"first"' : '-');
          const bounds = [
            d.minAge !== undefined && `>= ${d.minAge}`,
            d.maxAge !== undefined && `<= ${d.maxAge}`,
          ];
          expect(age, rules[i]!.id).toBe(bounds.filter(Boolean)[0] || '-');
          expect(rules[i]!.then.document, rules[i]!.id).toBe(`"${d.ref}"`);
        });
      }
    }
  });

  it('cites a known act and source for every rule, with a note when uncertain', () => {
    for (const set of sets) {
      const sources = new Set(set.file.sources.map((s) => s.id));
      for (const [id, act] of Object.entries(set.file.acts))
        expect(sources.has(act.source), `${set.file.id} act ${id}`).toBe(true);
      for (const table of set.file.tables)
        for (const rule of table.rules) {
          const where = `${set.file.id}/${table.id}/${rule.id}`;
          expect(set.file.acts[rule.legal.act], where).toBeDefined();
          expect(sources.has(rule.legal.source), where).toBe(true);
          if (rule.legal.uncertain) expect(rule.legal.note, where).toBeTruthy();
        }
    }
  });

  it('renders every explanation of every table test in all four languages', () => {
    for (const set of sets)
      for (const t of set.file.tests) {
        const snapshot = { service: t.service ?? set.file.service ?? 'any', ...t.input };
        const evaluation = book.evaluateSets(book.withUses(set, t.date), snapshot, t.date);
        const all = explainAll(evaluation, sets);
        for (const lang of ['lt', 'en', 'ru', 'uk'] as const)
          for (const check of all[lang])
            for (const reason of check.reasons) {
              expect(reason.text, `${set.file.id} "${t.name}" ${lang}`).not.toMatch(/[{}]/);
              expect(reason.text.length).toBeGreaterThan(0);
            }
      }
  });

  it('explains a work permit with the amounts in force on the date, citing the law', () => {
    const evaluation = book.evaluate(
      'temporary-residence-permit',
      {
        service: 'temporary-residence-permit',
        ground: 'work',
        applicationKind: 'first',
        person: { age: 30 },
        means: { monthlyCents: 110000 },
      },
      '2026-02-01',
    );
    const means = book.explain(evaluation, 'en').find((c) => c.check === 'subsistence-means')!;
    expect(means.outcome).toBe('not-met');
    expect(means.reasons[0]!.text).toContain('1,153');
    expect(means.reasons[0]!.citation).toContain('A1-22');
    const fee = evaluation.checks.find((c) => c.check === 'fee-due')!;
    expect(fee.outputs.amountCents).toBe(16000);
  });
});

describe('parameters from the catalogue', () => {
  it('gives reference values and fee amounts in force on the date', () => {
    expect(resolve({ value: 'minimum-monthly-wage' }, '2025-12-31')).toBe(103800);
    expect(resolve({ value: 'minimum-monthly-wage' }, '2026-01-01')).toBe(115300);
    expect(resolve({ fee: 'trp-issue', level: 'urgent' }, '2023-07-27')).toBe(24000);
    expect(resolve({ fee: 'trp-issue', level: 'urgent' }, '2023-07-28')).toBe(32000);
  });

  it('gives undefined when nothing is in force, an unknown value or a missing fee level', () => {
    expect(resolve({ value: 'minimum-monthly-wage' }, '2010-01-01')).toBeUndefined();
    expect(resolve({ value: 'no-such-value' }, '2025-01-01')).toBeUndefined();
    expect(resolve({ fee: 'trp-student', level: 'general' }, '2023-01-01')).toBeUndefined();
    expect(resolve({ fee: 'trp-student', level: 'urgent' }, '2025-01-01')).toBeUndefined();
    expect(resolve({ fee: 'trp-issue', level: 'general' }, '2019-12-31')).toBeUndefined();
  });
});

/** A one-table rule set; `table` replaces parts of the default table. */
function ruleSetYaml(table: string, extra = ''): string {
  return `
id: broken
version: '1'
effectiveFrom: 2020-01-01
title: { lt: T, en: T, ru: T, uk: T }
sources: [{ id: src, url: 'https://example.org/law', date: n.d. }]
acts: { law: { source: src, name: { lt: L, en: L, ru: L, uk: L } } }
${extra}
tables:
  - id: table-a
    check: check-a
    name: { lt: A, en: A, ru: A, uk: A }
${table}
`;
}

const INPUT = `
    inputs:
      - { id: age, expression: person.age, facts: [person.age], label: { lt: A, en: A, ru: A, uk: A } }
    outputs: [outcome]`;
const rule = (id: string, test: string, outcome = 'met') => `
      - id: ${id}
        when: ['${test}']
        then: { outcome: '"${outcome}"' }
        legal: { act: law, source: src }
        explain: { lt: X, en: X, ru: X, uk: X }`;

function errorOf(f: () => unknown): { code?: string; message: string; details?: unknown } {
  try {
    f();
  } catch (e) {
    return e as { code?: string; message: string; details?: unknown };
  }
  throw new Error('expected an error');
}

describe('bad rule sets give clear errors', () => {
  it('refuses two identical rules under UNIQUE at load', () => {
    const yaml = ruleSetYaml(
      `    hitPolicy: UNIQUE${INPUT}
    rules:${rule('adult', '>= 18')}${rule('grown-up', '>= 18')}`,
    );
    const e = errorOf(() => parseRuleSet(yaml, 'inline.yaml'));
    expect(e.code).toBe('RULES_UNIQUE_OVERLAP');
    expect(e.message).toContain('table table-a');
    expect(e.message).toContain('adult and grown-up');
  });

  it('names the overlapping rules under UNIQUE when both apply to an input', () => {
    const set = parseRuleSet(
      ruleSetYaml(`    hitPolicy: UNIQUE${INPUT}
    rules:${rule('adult', '>= 18')}${rule('senior', '>= 65')}`),
      'inline.yaml',
    );
    const local = createRuleBook([set], () => undefined);
    const e = errorOf(() =>
      local.evaluateSets([set], { service: 'any', person: { age: 70 } }, '2025-01-01'),
    );
    expect(e.code).toBe('RULES_UNIQUE_OVERLAP');
    expect(e.message).toContain('adult and senior');
    expect(
      local.evaluateSets([set], { service: 'any', person: { age: 30 } }, '2025-01-01').checks[0]!
        .outcome,
    ).toBe('met');
  });

  it('names the table, rule and cell of a FEEL syntax error', () => {
    const e = errorOf(() =>
      parseRuleSet(
        ruleSetYaml(`    hitPolicy: FIRST${INPUT}
    rules:${rule('adult', '>= 18')}${rule('typo', '>= (18')}`),
        'inline.yaml',
      ),
    );
    expect(e.code).toBe('RULES_FEEL_INVALID');
    expect(e.message).toContain('table table-a');
    expect(e.message).toContain('rule typo');
    expect(e.message).toContain('cell when[0]');
  });

  it('names the parameter and date when a parameter has no value in force', () => {
    const set = parseRuleSet(
      ruleSetYaml(
        `    hitPolicy: FIRST${INPUT}
    rules:${rule('enough', '>= mma')}${rule('short', '< mma', 'not-met')}`,
        'parameters:\n  mma: { value: minimum-monthly-wage }',
      ),
      'inline.yaml',
    );
    const local = createRuleBook([set], resolve);
    const snapshot = { service: 'any', person: { age: 30 } };
    expect(local.evaluateSets([set], snapshot, '2025-01-01').checks[0]!.outcome).toBe('not-met');
    const e = errorOf(() => local.evaluateSets([set], snapshot, '2016-01-01'));
    expect(e.code).toBe('RULES_PARAMETER_MISSING');
    expect(e.message).toContain('mma (minimum-monthly-wage)');
    expect(e.message).toContain('2016-01-01');
  });

  it('says "cannot tell" and names the fact when the input lacks it', () => {
    const set = parseRuleSet(
      ruleSetYaml(`    hitPolicy: FIRST${INPUT}
    rules:${rule('adult', '>= 18')}`),
      'inline.yaml',
    );
    const result = createRuleBook([set], resolve).evaluateSets(
      [set],
      { service: 'any' },
      '2025-01-01',
    ).checks[0]!;
    expect(result.outcome).toBe('cannot-tell');
    expect(result.missing).toEqual(['person.age']);
  });
});
