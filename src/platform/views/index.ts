import path from 'node:path';
import type { FastifyViewOptions } from '@fastify/view';
import nunjucks from 'nunjucks';

export { buildAssets } from './assets';
export type { NavItem, NavigationFor } from './navigation';

/** Filters every template may use; dates are shown in the Department's time zone. */
export function addFilters(env: nunjucks.Environment): void {
  env.addFilter('date', (d: Date | string, lang = 'lt') =>
    new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'Europe/Vilnius' }).format(
      new Date(d),
    ),
  );
  env.addFilter('datetime', (d: Date | string, lang = 'lt') =>
    new Intl.DateTimeFormat(lang, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'Europe/Vilnius',
    }).format(new Date(d)),
  );
}

/**
 * Options for @fastify/view: one Nunjucks environment for the portal and the workbench,
 * autoescaping on, templates named by their path under `src/` (e.g.
 * `modules/accounts/views/sign-in.njk`) so module templates never collide.
 */
export function viewOptions(root: string, production: boolean): FastifyViewOptions {
  return {
    engine: { nunjucks },
    templates: [path.join(root, 'src'), path.join(root, 'node_modules', 'govuk-frontend', 'dist')],
    production,
    options: {
      autoescape: true,
      trimBlocks: true,
      lstripBlocks: true,
      noCache: !production,
      onConfigure: addFilters,
    },
  };
}

export const BASE_LAYOUT = 'platform/views/templates/base.njk';
