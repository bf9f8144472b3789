/**
 * The `/verify` result as the page shows it: the verdict, the reason in plain words, and a row
 * for each disclosed claim and nothing else. Pure, so what a verifier can see is tested without
 * a server.
 */
import type { Translate } from '../../platform/i18n';
import {
  DISCLOSABLE_CLAIMS,
  type ClaimName,
  type CredentialType,
  type VerificationResult,
} from './permits.model';

export interface SummaryRow {
  key: { text: string };
  value: { text: string } | { html: string };
}

export interface ResultView {
  status: VerificationResult['status'];
  statusText: string;
  lead: string;
  reasonText: string | undefined;
  /** One row per disclosed claim, in the order of DISCLOSABLE_CLAIMS. */
  facts: SummaryRow[];
  /** Why there are no rows (nothing disclosed, or nothing to trust). */
  noFacts: string | undefined;
  about: SummaryRow[];
}

export interface ResultContext {
  t: Translate;
  lang: string;
  issuer: string;
  typeName: (type: CredentialType, lang: string) => string;
  groundName: (type: CredentialType | undefined, groundId: string, lang: string) => string;
  /** The disclosed type, if any: a ground is named among that type's services. */
  type?: CredentialType | undefined;
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** A claim date (YYYY-MM-DD) is a calendar day: shown as written, whatever the time zone. */
export function formatDay(day: string, lang: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
  const d = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return day;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(d);
}

function formatInstant(iso: string, lang: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'Europe/Vilnius' }).format(d);
}

/**
 * The photo is shown only from the issuer's own photo address, as a same-site path (the page's
 * CSP allows images from itself only, and a verifier's browser should fetch nothing else).
 */
export function pictureSrc(picture: string, issuer: string): string | undefined {
  const prefix = `${issuer.replace(/\/$/, '')}/credentials/photos/`;
  if (!picture.startsWith(prefix)) return undefined;
  const ref = picture.slice(prefix.length);
  return /^[A-Za-z0-9_-]{1,128}$/.test(ref) ? `/credentials/photos/${ref}` : undefined;
}

function claimValue(name: ClaimName, value: unknown, c: ResultContext): SummaryRow['value'] {
  switch (name) {
    case 'picture': {
      const src = typeof value === 'string' ? pictureSrc(value, c.issuer) : undefined;
      return src
        ? {
            html: `<img class="vartai-verdict__photo" src="${escapeHtml(src)}" alt="${escapeHtml(c.t('verifier.photo.alt'))}">`,
          }
        : { text: String(value) };
    }
    case 'right_to_work':
      return { text: c.t(value ? 'verifier.yes' : 'verifier.no') };
    case 'permit_type':
      return { text: c.typeName(value as CredentialType, c.lang) };
    case 'permit_ground':
      return {
        text:
          value == null ? c.t('verifier.groundNone') : c.groundName(c.type, String(value), c.lang),
      };
    case 'birthdate':
    case 'valid_from':
    case 'valid_until':
      return { text: formatDay(String(value), c.lang) };
    default:
      return { text: String(value) };
  }
}

export function resultView(r: VerificationResult, c: ResultContext): ResultView {
  const claims = r.claims as Record<string, unknown>;
  // An invalid credential's claims are not trusted: none are shown even if some came back.
  const present =
    r.status === 'invalid'
      ? []
      : DISCLOSABLE_CLAIMS.filter((n) => Object.hasOwn(claims, n) && claims[n] !== undefined);
  const facts = present.map((n) => ({
    key: { text: c.t(`verifier.claim.${n}`) },
    value: claimValue(n, claims[n], { ...c, type: r.credentialType }),
  }));
  // Nothing about an invalid credential is vouched for, not even who it claims issued it.
  const trusted = r.status !== 'invalid';
  const about: SummaryRow[] = [];
  const add = (key: string, text: string | undefined) => {
    if (trusted && text) about.push({ key: { text: c.t(key) }, value: { text } });
  };
  add('verifier.about.issuer', r.issuer);
  add('verifier.about.type', r.credentialType && c.typeName(r.credentialType, c.lang));
  add('verifier.about.issuedAt', r.issuedAt && formatInstant(r.issuedAt, c.lang));
  add('verifier.about.expiresAt', r.expiresAt && formatInstant(r.expiresAt, c.lang));
  return {
    status: r.status,
    statusText: c.t(`verifier.status.${r.status}`),
    lead: c.t(`verifier.statusLead.${r.status}`),
    reasonText: r.status !== 'valid' && r.reason ? c.t(`verifier.reason.${r.reason}`) : undefined,
    facts,
    noFacts:
      r.status === 'invalid'
        ? c.t('verifier.facts.notTrusted')
        : facts.length === 0
          ? c.t('verifier.facts.none')
          : undefined,
    about,
  };
}
