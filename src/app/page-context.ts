import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import type { NavigationFor } from '../platform/views';
import {
  LANGUAGES,
  negotiateLanguage,
  type I18n,
  type Language,
  type Translate,
} from '../platform/i18n';

declare module 'fastify' {
  interface FastifyRequest {
    lang: Language;
    t: Translate;
  }
  interface FastifyReply {
    /** Renders a page with the shared layout context (language, principal, CSRF, navigation). */
    page(template: string, data?: Record<string, unknown>): FastifyReply;
  }
}

export const LANG_COOKIE = 'vartai_lang';

const NATIVE_NAMES: Record<Language, string> = {
  lt: 'Lietuvių',
  en: 'English',
  ru: 'Русский',
  uk: 'Українська',
};

/** The current address with only `lang` changed, so switching language keeps the page. */
function languageHref(url: string, lang: Language): string {
  const u = new URL(url, 'http://x');
  u.searchParams.set('lang', lang);
  return `${u.pathname}?${u.searchParams.toString()}`;
}

export const pageContextPlugin = fp(
  async (
    app: FastifyInstance,
    opts: { i18n: I18n; secure: boolean; navigationFor: NavigationFor },
  ) => {
    app.decorateRequest('lang', 'lt');
    app.decorateRequest('t', null as never);
    app.addHook('onRequest', async (req, reply) => {
      const query = (req.query as Record<string, unknown> | undefined)?.lang;
      req.lang = negotiateLanguage(query, req.cookies[LANG_COOKIE]);
      req.t = opts.i18n.translator(req.lang);
      if (
        typeof query === 'string' &&
        query === req.lang &&
        req.cookies[LANG_COOKIE] !== req.lang
      ) {
        reply.setCookie(LANG_COOKIE, req.lang, {
          path: '/',
          sameSite: 'lax',
          secure: opts.secure,
          httpOnly: true,
          maxAge: 31536000,
        });
      }
    });
    app.decorateReply(
      'page',
      function (this: FastifyReply, template: string, data: Record<string, unknown> = {}) {
        const req = this.request;
        const nav = opts.navigationFor(req);
        const flash = req.session?.data.flash;
        if (flash && req.session) delete req.session.data.flash;
        this.header('cache-control', 'no-store');
        return this.view(template, {
          lang: req.lang,
          t: req.t,
          principal: req.principal,
          csrfToken: () => req.csrfToken(),
          serviceNameKey: nav.serviceNameKey,
          homeHref: nav.homeHref,
          navigation: nav.items.map((i) => ({
            href: i.href,
            text: i.text,
            active: i.active ?? req.url.split('?')[0] === i.href,
          })),
          languageLinks: LANGUAGES.map((l) => ({
            text: NATIVE_NAMES[l],
            lang: l,
            href: languageHref(req.url, l),
            current: l === req.lang,
          })),
          flash: flash ? req.t(flash) : undefined,
          errors: [],
          fieldErrors: {},
          values: {},
          ...data,
        });
      },
    );
  },
);
