import fs from 'node:fs';
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';

/** Languages of the service: Lithuanian first (the default), then English, Russian, Ukrainian. */
export const LANGUAGES = ['lt', 'en', 'ru', 'uk'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'lt';

export function isLanguage(v: unknown): v is Language {
  return typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);
}

export type MessageValues = Record<string, string | number | Date | boolean | null | undefined>;
export type Translate = (key: string, values?: MessageValues) => string;

export interface I18n {
  t(lang: Language, key: string, values?: MessageValues): string;
  translator(lang: Language): Translate;
  has(lang: Language, key: string): boolean;
  keys(lang: Language): string[];
}

/**
 * Reads `<dir>/<lang>/<area>.json` for each language; a key is `<area>.<key in file>`.
 * Files are flat objects of ICU MessageFormat strings (Lithuanian and Slavic plurals need ICU).
 * Every message is compiled once at load, so a syntax error stops start-up, not a page view.
 */
export function loadMessages(dir: string): Map<Language, Map<string, string>> {
  const all = new Map<Language, Map<string, string>>();
  for (const lang of LANGUAGES) {
    const messages = new Map<string, string>();
    const langDir = path.join(dir, lang);
    for (const file of fs
      .readdirSync(langDir)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      const area = file.replace(/\.json$/, '');
      const data = JSON.parse(fs.readFileSync(path.join(langDir, file), 'utf8')) as Record<
        string,
        unknown
      >;
      for (const [key, value] of Object.entries(data)) {
        if (typeof value !== 'string') throw new Error(`${lang}/${file}: ${key} must be a string`);
        messages.set(`${area}.${key}`, value);
      }
    }
    all.set(lang, messages);
  }
  return all;
}

export function createI18n(dir: string): I18n {
  const messages = loadMessages(dir);
  const compiled = new Map<Language, Map<string, IntlMessageFormat>>();
  for (const [lang, entries] of messages) {
    const formats = new Map<string, IntlMessageFormat>();
    for (const [key, text] of entries) {
      try {
        formats.set(key, new IntlMessageFormat(text, lang, undefined, { ignoreTag: true }));
      } catch (e) {
        throw new Error(
          `Message ${lang}:${key} is not valid ICU MessageFormat: ${(e as Error).message}`,
          { cause: e },
        );
      }
    }
    compiled.set(lang, formats);
  }
  const t = (lang: Language, key: string, values?: MessageValues): string => {
    const format = compiled.get(lang)?.get(key) ?? compiled.get(DEFAULT_LANGUAGE)?.get(key);
    // A missing key shows itself rather than an empty string, and the catalogue test catches it.
    if (!format) return key;
    return String(format.format(values as Record<string, string>));
  };
  return {
    t,
    translator: (lang) => (key, values) => t(lang, key, values),
    has: (lang, key) => compiled.get(lang)?.has(key) ?? false,
    keys: (lang) => [...(compiled.get(lang)?.keys() ?? [])],
  };
}

/**
 * Picks the language: an explicit `?lang=` wins, then the cookie, then Lithuanian. The browser's
 * Accept-Language is deliberately not used: the service of the Lithuanian state opens in
 * Lithuanian, and the switcher on every page is one click away.
 */
export function negotiateLanguage(query: unknown, cookie: unknown): Language {
  if (isLanguage(query)) return query;
  if (isLanguage(cookie)) return cookie;
  return DEFAULT_LANGUAGE;
}
