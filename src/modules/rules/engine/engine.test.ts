import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors';
import { parseRuleSet } from '../rules.pack';
import type { ParameterSpec } from '../rules.schemas';
import { createRuleBook } from './rule-book';

const HEAD = `
id: demo
version: '1'
effectiveFrom: 2020-01-01
title: { lt: Demo, en: Demo, ru: Демо, uk: Демо }
sources: [{ id: src, url: 'https://example.org/law', date: '2020' }]
acts: { law: { source: src, name: { lt: Įstatymas, en: The Law, ru: Закон, uk: Закон } } }
parameters: { mma: { value: minimum-monthly-wage } }
`;
const legal = `{ act: law, article: '26', part: '1', point: '3', source: src }`;
const explain = (t: string) => `{ lt: '${t}', en: '${t}', ru: '${t}', uk: '${t}' }`;

function table(policy: string, rules: string, extra = ''): string {
  return `${HEAD}
tables:
  - id: means
    check: means
    hitPolicy: ${policy}
    name: { lt: Lėšos, en: Means, ru: Средства, uk: Кошти }
    inputs:
      - { id: ground0, expression: ground, facts: [ground], label: ${explain('Pagrindas')} }
      - { id: monthly, expression: means.monthlyCents, facts: [means.monthlyCents], label: ${explain('Lėšos')} }
    outputs: [outcome, needed]
    rules:
${rules}
${extra}`;
}

const rule = (id: string, g: string, m: string, outcome: string) =>
  `      - { id: ${id}, when: ['${g}', '${m}'], then: { outcome: '"${outcome}"', needed: 'mma' }, legal: ${legal}, explain: ${explain(`${id} {monthly} of {needed}`)} }`;

const resolve = (spec: ParameterSpec, date: string) =>
  'value' in spec && spec.value === 'minimum-monthly-wage'
    ? date >= '2026-01-01'
      ? 115300
      : 103800
    : undefined;

function bookOf(text: string) {
  const set = parseRuleSet(text, 'demo.yaml');
  return { set, book: createRuleBook([set], resolve) };
}
const evaluate = (text: string, input: Record<string, unknown>, date = '2026-02-01') => {
  const { set, book } = bookOf(text);
  return book.evaluateSets([set], { service: 'x', ...input }, date).checks[0]!;
};

const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof AppError ? { code: e.code, message: e.message, details: e.details } : e;
  }
  return undefined;
};

describe('decision tables', () => {
  const first = table(
    'FIRST',
    [
      rule('exempt', '"lithuanian-descent"', '-', 'met'),
      rule('enough', '-', '>= mma', 'met'),
      rule('short', '-', '< mma', 'not-met'),
    ].join('\n'),
  );

  it('FIRST: the first rule that applies decides, with the parameter in force on the date', () => {
    const rich = evaluate(first, { ground: 'work', means: { monthlyCents: 110000 } }, '2025-06-01');
    expect(rich).toMatchObject({ outcome: 'met', outputs: { outcome: 'met', needed: 103800 } });
    expect(rich.fired.map((f) => f.rule)).toEqual(['enough']);
    // The same person a year later: the minimum monthly wage rose above their means.
    const later = evaluate(
      first,
      { ground: 'work', means: { monthlyCents: 110000 } },
      '2026-02-01',
    );
    expect(later).toMatchObject({ outcome: 'not-met', outputs: { needed: 115300 } });
  });

  it('says "cannot tell" and names the fact when a rule that could apply needs it', () => {
    const r = evaluate(first, { ground: 'work' });
    expect(r).toMatchObject({ outcome: 'cannot-tell', missing: ['means.monthlyCents'], fired: [] });
    // An earlier rule that applies without the fact still decides.
    expect(evaluate(first, { ground: 'lithuanian-descent' })).toMatchObject({
      outcome: 'met',
      missing: [],
    });
  });

  it('UNIQUE: two rules that both apply are an error naming the table and rules', () => {
    const text = table(
      'UNIQUE',
      [rule('a', '-', '>= 0', 'met'), rule('b', '"work"', '>= 100', 'met')].join('\n'),
    );
    expect(
      codeOf(() => evaluate(text, { ground: 'work', means: { monthlyCents: 500 } })),
    ).toMatchObject({
      code: 'RULES_UNIQUE_OVERLAP',
      details: { table: 'means', rules: ['a', 'b'] },
    });
    expect(
      evaluate(text, { ground: 'family', means: { monthlyCents: 500 } }).fired.map((f) => f.rule),
    ).toEqual(['a']);
  });

  it('UNIQUE: identical rules are refused when the set loads', () => {
    const text = table(
      'UNIQUE',
      [rule('a', '"work"', '>= 0', 'met'), rule('b', '"work"', '>= 0', 'not-met')].join('\n'),
    );
    expect(codeOf(() => bookOf(text))).toMatchObject({
      code: 'RULES_UNIQUE_OVERLAP',
      details: { rules: ['a', 'b'] },
    });
  });

  it('COLLECT: every rule that applies fires; the worst outcome wins; no rule → otherwise', () => {
    const text = table(
      'COLLECT',
      [
        rule('one', '"work","family"', '-', 'met'),
        rule('two', '"work"', '< mma', 'not-met'),
        rule('three', '"family"', '-', 'met'),
      ].join('\n'),
      `    otherwise: { then: { outcome: '"met"' }, explain: ${explain('nothing needed')} }`,
    );
    const work = evaluate(text, { ground: 'work', means: { monthlyCents: 10 } });
    expect(work.outcome).toBe('not-met');
    expect(work.fired.map((f) => f.rule)).toEqual(['one', 'two']);
    expect(work.outputs.needed).toEqual([115300, 115300]);
    expect(evaluate(text, { ground: 'family' }).outcome).toBe('met');
    expect(evaluate(text, { ground: 'studies' })).toMatchObject({ outcome: 'met', fired: [] });
    expect(evaluate(text, { ground: 'work' })).toMatchObject({
      outcome: 'cannot-tell',
      missing: ['means.monthlyCents'],
    });
  });

  it('a FEEL syntax error names the rule set, table, rule and cell', () => {
    const text = table('FIRST', rule('broken', '-', '>= (mma', 'met'));
    expect(codeOf(() => bookOf(text))).toMatchObject({
      code: 'RULES_FEEL_INVALID',
      details: {
        ruleSet: 'demo',
        table: 'means',
        rule: 'broken',
        cell: 'when[1]',
        text: '>= (mma',
      },
    });
  });

  it('a parameter with no value in force on the date is an error naming it and the date', () => {
    const text = table('FIRST', rule('enough', '-', '>= mma', 'met'));
    const { set } = bookOf(text);
    const book = createRuleBook([set], () => undefined);
    expect(codeOf(() => book.evaluateSets([set], { service: 'x' }, '2019-01-01'))).toMatchObject({
      code: 'RULES_PARAMETER_MISSING',
      details: { parameter: 'mma', ref: 'minimum-monthly-wage', date: '2019-01-01' },
    });
  });

  it('refuses a schema error naming the field, and an unknown fact', () => {
    expect(codeOf(() => bookOf(table('MOST', rule('a', '-', '-', 'met'))))).toMatchObject({
      code: 'RULES_SET_INVALID',
      details: { field: 'tables.0.hitPolicy' },
    });
    const text = table('FIRST', rule('a', '-', '-', 'met')).replace(
      'facts: [ground]',
      'facts: [person.shoeSize]',
    );
    expect(codeOf(() => bookOf(text))).toMatchObject({
      code: 'RULES_FEEL_INVALID',
      details: { cell: 'input.ground0' },
    });
  });

  it('explains in each language with the values and the legal citation', () => {
    const { set, book } = bookOf(first);
    const ev = book.evaluateSets(
      [set],
      { service: 'x', ground: 'work', means: { monthlyCents: 5 } },
      '2026-02-01',
    );
    const [en] = book.explain(ev, 'en');
    expect(en!.reasons[0]).toMatchObject({
      text: 'short 5 of 115300',
      citation: 'The Law, Art. 26, para. 1, point 3',
    });
    expect(book.explain(ev, 'lt')[0]!.reasons[0]!.citation).toBe('Įstatymas, 26 str. 1 d. 3 p.');
    expect(book.explain(ev, 'ru')[0]!.reasons[0]!.citation).toBe('Закон, ст. 26, ч. 1, п. 3');
  });

  it('compiled and re-parsed evaluation agree', () => {
    const compiled = parseRuleSet(first, 'demo.yaml');
    const reparsed = parseRuleSet(first, 'demo.yaml', { reparse: true });
    for (const monthlyCents of [0, 103799, 103800, 200000]) {
      const input = { service: 'x', ground: 'work', means: { monthlyCents } };
      const a = createRuleBook([compiled], resolve).evaluateSets([compiled], input, '2025-05-05');
      const b = createRuleBook([reparsed], resolve).evaluateSets([reparsed], input, '2025-05-05');
      expect(b.checks).toEqual(a.checks);
    }
  });
});

describe('versions in force', () => {
  it('picks the latest version in force on the date, honouring effectiveUntil', () => {
    const v1 = parseRuleSet(table('FIRST', rule('a', '-', '-', 'met')), 'v1');
    const v2 = parseRuleSet(
      table('FIRST', rule('a', '-', '-', 'not-met'))
        .replace("version: '1'", "version: '2'")
        .replace(
          'effectiveFrom: 2020-01-01',
          'effectiveFrom: 2027-01-01\neffectiveUntil: 2028-01-01',
        ),
      'v2',
    );
    const book = createRuleBook([v2, v1], resolve);
    expect(book.inForce('demo', '2026-12-31')?.file.version).toBe('1');
    expect(book.inForce('demo', '2027-01-01')?.file.version).toBe('2');
    expect(book.inForce('demo', '2028-01-01')?.file.version).toBe('1');
    expect(book.inForce('demo', '2019-12-31')).toBeUndefined();
  });
});
