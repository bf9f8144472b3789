/**
 * The offline verifier as one HTML file: keys, status lists and texts as a JSON data block, the
 * checking script and styles inline (there is no server to fetch them from once it is saved).
 * Its own CSP allows exactly that script and style by hash and no network connections, so the
 * page provably checks without sending the credential anywhere.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { JWK } from 'jose';
import { LANGUAGES, type Language } from '../../platform/i18n';
import { ASSETS_DIR } from './verifier.assets';

export interface OfflineData {
  issuer: string;
  jwks: { keys: JWK[] };
  /** Status list JWTs by list number. */
  statusLists: Record<string, string>;
  /** When the keys and lists were taken (ISO 8601). */
  dataDate: string;
  /** The language the file opens in. */
  lang: Language;
  /** The verifier texts per language, keys without the `verifier.` prefix. */
  messages: Record<Language, Record<string, string>>;
  /** Credential type names per language. */
  typeNames: Record<Language, Record<string, string>>;
  /** Claim names in display order. */
  claimOrder: readonly string[];
}

const NATIVE_NAMES: Record<Language, string> = {
  lt: 'Lietuvių',
  en: 'English',
  ru: 'Русский',
  uk: 'Українська',
};

let cached: { script: string; style: string } | undefined;
function sources() {
  cached ??= {
    script: fs.readFileSync(path.join(ASSETS_DIR, 'offline-verifier.client.js'), 'utf8'),
    style: fs.readFileSync(path.join(ASSETS_DIR, 'offline-verifier.css'), 'utf8'),
  };
  return cached;
}

const sha256 = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** JSON that cannot end its `<script>` element early, whatever the strings hold. */
const scriptJson = (v: unknown) =>
  JSON.stringify(v)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

/** The policy for the file, also sent as the header when the server delivers it. */
export function offlineCsp(): string {
  const { script, style } = sources();
  return [
    "default-src 'none'",
    `script-src ${sha256(script)}`,
    `style-src ${sha256(style)}`,
    // The photo, when disclosed, is fetched from the issuer if there is a connection at all.
    'img-src https: http: data:',
    "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function offlineVerifierHtml(data: OfflineData): string {
  const { script, style } = sources();
  const m = data.messages[data.lang];
  const t = (key: string) => escapeHtml(m[key] ?? key);
  const date = new Intl.DateTimeFormat(data.lang, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Vilnius',
  }).format(new Date(data.dataDate));
  const dataFrom = (m['app.dataFrom'] ?? '').replace('{date}', date);
  const options = LANGUAGES.map(
    (l) =>
      `<option value="${l}" lang="${l}"${l === data.lang ? ' selected' : ''}>${NATIVE_NAMES[l]}</option>`,
  ).join('');
  return `<!DOCTYPE html>
<html lang="${data.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(offlineCsp())}">
<title>${t('app.title')}</title>
<style>${style}</style>
</head>
<body>
<main>
<div class="top">
<h1 data-i18n="app.title">${t('app.title')}</h1>
<p class="language"><label for="language" data-i18n="app.language">${t('app.language')}</label>
<select id="language">${options}</select></p>
</div>
<p data-i18n="app.intro">${t('app.intro')}</p>
<p class="data-date" id="data-date">${escapeHtml(dataFrom)}</p>
<p id="unsupported" class="warning" data-i18n="app.unsupported" hidden>${t('app.unsupported')}</p>
<label class="label" for="credential" data-i18n="app.label">${t('app.label')}</label>
<p class="hint" id="credential-hint" data-i18n="app.hint">${t('app.hint')}</p>
<textarea id="credential" rows="6" spellcheck="false" autocomplete="off" aria-describedby="credential-hint"></textarea>
<p><button id="verify-button" type="button" data-i18n="app.verify">${t('app.verify')}</button></p>
<div id="result" data-testid="offline-result" role="status" aria-live="polite"></div>
</main>
<script type="application/json" id="vartai-data">${scriptJson(data)}</script>
<script>${script}</script>
</body>
</html>
`;
}
