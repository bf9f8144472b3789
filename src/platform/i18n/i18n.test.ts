import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createI18n, LANGUAGES, loadMessages, negotiateLanguage } from './index';

const DIR = path.resolve(__dirname, '..', '..', '..', 'content', 'messages');

describe('message catalogues', () => {
  const all = loadMessages(DIR);

  it('have every key in all four languages', () => {
    const union = new Set(LANGUAGES.flatMap((l) => [...all.get(l)!.keys()]));
    for (const lang of LANGUAGES) {
      const missing = [...union].filter((k) => !all.get(lang)!.has(k));
      expect(missing, `missing in ${lang}`).toEqual([]);
    }
  });

  it('compile as ICU MessageFormat and keep the same placeholders as English', () => {
    const i18n = createI18n(DIR);
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)/g)].map((m) => m[1]).sort();
    for (const [key, en] of all.get('en')!) {
      for (const lang of LANGUAGES) {
        expect(placeholders(all.get(lang)!.get(key)!), `${lang}:${key}`).toEqual(placeholders(en));
        expect(i18n.has(lang, key)).toBe(true);
      }
    }
  });

  it('formats values, and shows a missing key rather than nothing', () => {
    const i18n = createI18n(DIR);
    expect(i18n.t('en', 'common.signedInAs', { name: 'Ona' })).toBe('Signed in as Ona.');
    expect(i18n.t('lt', 'no.such.key')).toBe('no.such.key');
  });
});

describe('language negotiation', () => {
  it('prefers ?lang=, then the cookie, then Lithuanian', () => {
    expect(negotiateLanguage('uk', 'en')).toBe('uk');
    expect(negotiateLanguage(undefined, 'en')).toBe('en');
    expect(negotiateLanguage('xx', 'zz')).toBe('lt');
    expect(negotiateLanguage(undefined, undefined)).toBe('lt');
  });
});
