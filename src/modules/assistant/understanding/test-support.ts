/**
 * The catalogue's service names as the lead passes them in, read straight from the country pack
 * so the understanding tests see the real names without starting the catalogue module.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { ServiceVocabulary } from './concept-index';

const SERVICES_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../content/lt/services',
);

export function catalogueVocabulary(): ServiceVocabulary[] {
  return fs
    .readdirSync(SERVICES_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => {
      const data = parse(fs.readFileSync(path.join(SERVICES_DIR, f), 'utf8')) as {
        id: string;
        name: Record<'lt' | 'en' | 'ru' | 'uk', string>;
      };
      return {
        id: data.id,
        names: { lt: [data.name.lt], en: [data.name.en], ru: [data.name.ru], uk: [data.name.uk] },
      };
    });
}
