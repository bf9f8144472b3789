/**
 * The offline verifier: `/verify/offline` explains it, and `/verify/offline/vartai-verifier.html`
 * hands out the single-file verifier with today's keys and status lists inside. It is built per
 * download, so the file is exactly as fresh as the moment it was taken.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { systemClock, type Clock } from '../../platform/clock';
import { LANGUAGES, loadMessages, type Language } from '../../platform/i18n';
import { offlineCsp, offlineVerifierHtml, type OfflineData } from './offline-verifier.html';
import type { PermitsService } from './permits.contract';
import { CREDENTIAL_TYPES, DISCLOSABLE_CLAIMS } from './permits.model';

const MESSAGES_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'content',
  'messages',
);
/** A guard against a runaway loop; each list holds many thousands of credentials. */
const MAX_STATUS_LISTS = 1000;

/** The texts the file's script shows, for every language (the reader may switch in the file). */
const OFFLINE_KEYS =
  /^verifier\.(app\.|status\.|statusLead\.|reason\.|claim\.|facts\.|about\.|photo\.alt$|reasonLabel$|yes$|no$|groundNone$)/;

let offlineMessages: Record<Language, Record<string, string>> | undefined;
function messagesFor(): Record<Language, Record<string, string>> {
  if (!offlineMessages) {
    const all = loadMessages(MESSAGES_DIR);
    const out = {} as Record<Language, Record<string, string>>;
    for (const lang of LANGUAGES) {
      out[lang] = {};
      for (const [key, text] of all.get(lang) ?? [])
        if (OFFLINE_KEYS.test(key)) out[lang][key.slice('verifier.'.length)] = text;
    }
    offlineMessages = out;
  }
  return offlineMessages;
}

/** Every status list the issuer has published, by number (1, 2, … until the first gap). */
export async function allStatusLists(permits: PermitsService): Promise<Record<string, string>> {
  const lists: Record<string, string> = {};
  for (let n = 1; n <= MAX_STATUS_LISTS; n++) {
    const jwt = await permits.statusListJwt(n);
    if (jwt === undefined) break;
    lists[String(n)] = jwt;
  }
  return lists;
}

export async function offlineData(
  permits: PermitsService,
  lang: Language,
  now: Date,
): Promise<OfflineData> {
  const typeNames = {} as Record<Language, Record<string, string>>;
  for (const l of LANGUAGES)
    typeNames[l] = Object.fromEntries(CREDENTIAL_TYPES.map((t) => [t, permits.typeName(t, l)]));
  return {
    issuer: permits.issuer(),
    jwks: permits.jwks(),
    statusLists: await allStatusLists(permits),
    dataDate: now.toISOString(),
    lang,
    messages: messagesFor(),
    typeNames,
    claimOrder: DISCLOSABLE_CLAIMS,
  };
}

export function offlineVerifierRoutes(d: { permits: PermitsService; clock?: Clock }) {
  const clock = d.clock ?? systemClock;
  return async (app: FastifyInstance) => {
    const access = { config: { access: { who: 'public' as const } } };
    app.get('/verify/offline', access, async (req, reply) =>
      reply.page('modules/permits/views/offline.njk', { title: req.t('verifier.offline.title') }),
    );
    app.get(
      '/verify/offline/vartai-verifier.html',
      // Each download reads every status list: a scraper must not turn it into a load test.
      {
        config: { access: { who: 'public' as const }, rateLimit: { max: 30, timeWindow: 60_000 } },
      },
      async (req, reply) => {
        const html = offlineVerifierHtml(await offlineData(d.permits, req.lang, clock.now()));
        return reply
          .header('content-type', 'text/html; charset=utf-8')
          .header('content-disposition', 'attachment; filename="vartai-verifier.html"')
          .header('cache-control', 'no-store')
          .header('content-security-policy', offlineCsp())
          .send(html);
      },
    );
  };
}
