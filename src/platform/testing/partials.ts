import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { createI18n, type Language } from '../i18n';
import { addFilters } from '../views';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * Renders a module's partial templates without the app, as the pages would (templates named by
 * their path under `src/`, govuk-frontend macros, the same filters, the real message catalogues),
 * so a test can check a partial in every language. `i18n` is returned for the expected texts.
 */
export function partialRenderer(folder: string) {
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader([
      path.join(ROOT, 'src'),
      path.join(ROOT, 'node_modules', 'govuk-frontend', 'dist'),
    ]),
    { autoescape: true, throwOnUndefined: false },
  );
  addFilters(env);
  const i18n = createI18n(path.join(ROOT, 'content', 'messages'));
  const render = (file: string, lang: Language, ctx: object) =>
    env.render(`${folder}/${file}`, { lang, t: i18n.translator(lang), ...ctx });
  return { render, i18n };
}
