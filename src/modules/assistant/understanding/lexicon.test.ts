import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { INTENTS } from '../assistant.model';
import { createUnderstanding } from './index';
import { DEFAULT_LEXICON, TERM_LANGS, loadLexicon, parseLexicon } from './lexicon';
import { catalogueVocabulary } from './test-support';

const lexicon = loadLexicon();
const serviceIds = catalogueVocabulary().map((s) => s.id);

describe('the lexicon file', () => {
  test('every catalogue service has a concept with terms in all four languages', () => {
    for (const id of serviceIds) {
      const concept = lexicon.concepts.find((c) => c.id === `svc:${id}`);
      expect(concept, id).toBeDefined();
      for (const lang of ['lt', 'en', 'ru', 'uk'] as const)
        expect(concept!.terms[lang]?.length, `${id} ${lang}`).toBeGreaterThan(0);
    }
  });

  test('service concepts and rules name only catalogue services', () => {
    for (const c of lexicon.concepts.filter((c) => c.id.startsWith('svc:')))
      expect(serviceIds).toContain(c.id.slice(4));
    for (const r of lexicon.rules) expect(serviceIds).toContain(r.service);
  });

  test('every intent but "other" has a cue concept with terms in all four languages', () => {
    for (const intent of INTENTS.filter((i) => i !== 'other')) {
      const cues = lexicon.concepts.filter((c) => (c.intents?.[intent] ?? 0) >= 1);
      expect(cues.length, intent).toBeGreaterThan(0);
      for (const lang of ['lt', 'en', 'ru', 'uk'] as const)
        expect(
          cues.some((c) => (c.terms[lang]?.length ?? 0) > 0),
          `${intent} ${lang}`,
        ).toBe(true);
    }
  });

  test('every flag has phrases in all four languages', () => {
    for (const [flag, terms] of Object.entries(lexicon.flags))
      for (const lang of ['lt', 'en', 'ru', 'uk'] as const)
        expect(terms[lang]?.length, `${flag} ${lang}`).toBeGreaterThan(0);
  });

  test('no term is listed twice for different concepts in the same language', () => {
    // The same words under two concepts would make the match depend on file order.
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const c of lexicon.concepts)
      for (const lang of TERM_LANGS)
        for (const term of [...(c.terms[lang] ?? []), ...(c.weak?.[lang] ?? [])]) {
          const key = `${lang}:${term.toLowerCase()}`;
          const other = seen.get(key);
          if (other && other !== c.id) clashes.push(`${key} (${other}, ${c.id})`);
          seen.set(key, c.id);
        }
    expect(clashes).toEqual([]);
  });
});

describe('loading', () => {
  const raw = parse(fs.readFileSync(DEFAULT_LEXICON, 'utf8')) as { concepts: unknown[] };

  test('an unknown concept in implies or a rule stops loading with its place', () => {
    const bad = structuredClone(raw) as { concepts: { implies?: string[] }[] };
    bad.concepts[0]!.implies = ['c:nowhere'];
    expect(() => parseLexicon(bad)).toThrow(/concepts\.0\.implies\.0.*c:nowhere/);
  });

  test('a malformed concept id stops loading with code ASSISTANT_LEXICON_INVALID', () => {
    const bad = structuredClone(raw) as { concepts: { id: string }[] };
    bad.concepts[1]!.id = 'Fee';
    try {
      parseLexicon(bad);
      expect.unreachable();
    } catch (e) {
      expect((e as { code: string }).code).toBe('ASSISTANT_LEXICON_INVALID');
      expect((e as Error).message).toContain('concepts.1.id');
    }
  });

  test('a file that is not YAML names the file', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lexicon-')), 'broken.yaml');
    fs.writeFileSync(file, 'concepts: [\n');
    expect(() => loadLexicon(file)).toThrow(/broken\.yaml/);
  });
});

describe('catalogue names', () => {
  test('a service is recognised by its catalogue name even when the lexicon has no alias', () => {
    const small = parseLexicon({
      concepts: [{ id: 'c:fee', intents: { fee: 1 }, terms: { en: ['fee'] } }],
      flags: { handoffRequest: {}, greeting: {}, injection: {}, otherPerson: {}, firstPerson: {} },
      stopwords: { en: ['of', 'the'] },
      markers: {},
    });
    const { understand } = createUnderstanding({
      services: [{ id: 'residence-declaration', names: { en: ['Declaration of residence'] } }],
      lexicon: small,
    });
    expect(understand('fee for the declaration of residence').service?.id).toBe(
      'residence-declaration',
    );
    // The bracketed part of a name is not matched on its own.
    const withBrackets = createUnderstanding({
      services: [{ id: 'x-service', names: { en: ['Main words here (issue or renewal)'] } }],
      lexicon: small,
    });
    expect(withBrackets.understand('issue or renewal').service).toBeUndefined();
    expect(withBrackets.understand('main words here').service?.id).toBe('x-service');
  });
});
