import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../../platform/errors';
import { FIXTURE_YAML } from './faq.fixture';
import { faqAnswer, loadFaq } from './index';

let dir: string | undefined;
afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A temporary FAQ folder with the given files. */
const faqDir = (files: Record<string, string>) => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vartai-faq-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
};

const failure = (d: string, options?: Parameters<typeof loadFaq>[1]) => {
  try {
    loadFaq(d, options);
  } catch (e) {
    if (isAppError(e)) return { code: e.code, message: e.message, details: e.details };
    throw e;
  }
  throw new Error('the broken FAQ loaded');
};

describe('loadFaq', () => {
  it('reads every YAML file of the folder, validated', () => {
    const d = faqDir({ 'a.yaml': FIXTURE_YAML, 'notes.txt': 'not yaml: [' });
    const entries = loadFaq(d, { serviceIds: ['temporary-residence-permit'] });
    expect(entries.map((e) => e.id)).toEqual(['q4', 'x-migris']);
    const [q4, migris] = entries;
    expect(q4!.intents).toEqual(['fee']);
    expect(q4!.keywords.ru).toContain('ВНЖ');
    expect(q4!.question.uk).toBe('Скільки коштує посвідка на тимчасове проживання?');
    // YAML reads a bare year as a number and a bare date as a date: both stay text.
    expect(migris!.sources.map((s) => s.date)).toEqual(['2023', '2023-07-28', '2024-01']);
  });

  it('an empty folder is an empty FAQ', () => {
    expect(loadFaq(faqDir({}))).toEqual([]);
  });

  it('a missing language names the file, the entry and the field', () => {
    const d = faqDir({ 'b.yaml': FIXTURE_YAML.replace(/\n {6}uk: Державний збір.*\n/, '\n') });
    expect(failure(d)).toMatchObject({
      code: 'ASSISTANT_FAQ_INVALID',
      details: { file: 'b.yaml', entry: 'q4', field: 'answer.uk' },
    });
  });

  it('an intent that does not exist', () => {
    const d = faqDir({ 'c.yaml': FIXTURE_YAML.replace('intents: [fee]', 'intents: [price]') });
    expect(failure(d).details).toMatchObject({ file: 'c.yaml', entry: 'q4', field: 'intents.0' });
  });

  it('a source without a url, and no sources at all', () => {
    const noUrl = FIXTURE_YAML.replace('url: https://www.migracija.lt/help', 'link: x');
    expect(failure(faqDir({ 'd.yaml': noUrl })).details).toMatchObject({
      entry: 'x-migris',
      field: 'sources.2.url',
    });
    fs.rmSync(dir!, { recursive: true });
    const none = FIXTURE_YAML.replace(
      / {4}sources:\n( {6}- title: Migracijos.*\n {8}url: .*\n {8}date: n\.d\.\n)/,
      '    sources: []\n',
    );
    expect(failure(faqDir({ 'e.yaml': none })).details).toMatchObject({
      entry: 'q4',
      field: 'sources',
    });
  });

  it('a source url is an http(s) page or a same-site path, nothing else', () => {
    const withUrl = (url: string) =>
      faqDir({ 'a.yaml': FIXTURE_YAML.replace('https://www.migracija.lt/help', url) });
    expect(loadFaq(withUrl('/applications'))[1]!.sources[2]!.url).toBe('/applications');
    for (const bad of ['javascript:alert(1)', '//evil.example/x', 'migracija.lt']) {
      fs.rmSync(dir!, { recursive: true });
      expect(failure(withUrl(bad)).details, bad).toMatchObject({
        entry: 'x-migris',
        field: 'sources.2.url',
      });
    }
  });

  it('an id used twice across files', () => {
    const d = faqDir({ 'a.yaml': FIXTURE_YAML, 'b.yaml': FIXTURE_YAML });
    expect(failure(d)).toMatchObject({
      details: { file: 'b.yaml', entry: 'q4', field: 'id' },
      message: expect.stringContaining('also in a.yaml'),
    });
  });

  it('a badly formed id, a misspelt field, a service the catalogue does not have', () => {
    expect(
      failure(faqDir({ 'a.yaml': FIXTURE_YAML.replace('id: q4', 'id: Q-4') })).details,
    ).toMatchObject({ entry: 'Q-4', field: 'id' });
    fs.rmSync(dir!, { recursive: true });
    expect(
      failure(faqDir({ 'a.yaml': FIXTURE_YAML.replace('uncertain: false', 'uncertian: false') }))
        .details,
    ).toMatchObject({ entry: 'q4' });
    fs.rmSync(dir!, { recursive: true });
    expect(
      failure(faqDir({ 'a.yaml': FIXTURE_YAML }), { serviceIds: ['national-visa'] }).details,
    ).toMatchObject({
      entry: 'q4',
      field: 'services.0',
    });
  });

  it('text that is not YAML, and a file without entries', () => {
    expect(failure(faqDir({ 'a.yaml': 'entries: [\n' })).details).toMatchObject({
      file: 'a.yaml',
      entry: '',
    });
    fs.rmSync(dir!, { recursive: true });
    expect(failure(faqDir({ 'a.yaml': 'questions: []\n' })).details).toMatchObject({
      file: 'a.yaml',
    });
  });

  it('the real FAQ loads once it is written', () => {
    // The FAQ files are written alongside this loader; when present they must be valid.
    const real = path.resolve(
      __dirname,
      '..',
      '..',
      '..',
      '..',
      'content',
      'lt',
      'assistant',
      'faq',
    );
    if (!fs.existsSync(real)) return;
    const entries = loadFaq(real);
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
  });
});

describe('faqAnswer', () => {
  it('answers in the language asked, with one source per cited url', () => {
    const [q4, migris] = loadFaq(faqDir({ 'a.yaml': FIXTURE_YAML }));
    const a = faqAnswer(q4!, 'uk', 0.7);
    expect(a).toEqual({
      answer: 'Державний збір — 160 EUR, терміново — 320 EUR.',
      lang: 'uk',
      confidence: 0.7,
      sources: [
        {
          id: 'faq:q4',
          title: 'Скільки коштує посвідка на тимчасове проживання?',
          url: 'https://migracija.lrv.lt/lt/paslaugos/valstybes-rinkliavu-sarasas/leidimai-gyventi-2/',
        },
      ],
      handoff: false,
      kind: 'faq',
      links: [],
    });
    // The same url cited twice is one source; ids stay unique.
    const m = faqAnswer(migris!, 'ru');
    expect(m.sources.map((s) => [s.id, s.url])).toEqual([
      ['faq:x-migris', 'https://www.migracija.lt/'],
      ['faq:x-migris#2', 'https://www.migracija.lt/help'],
    ]);
    // An uncertain entry keeps its own wording, which says it may be out of date.
    expect(m.answer).toBe(migris!.answer.ru);
  });
});
