/**
 * Share codes (issue 9), the pure part: making a code, reading back what a verifier typed, the
 * digest kept instead of the code, and what a right code shows. Like the UK's eVisa share codes:
 * 9 characters shown as `XXX XXX XXX`, the first one telling the purpose.
 */
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import {
  DISCLOSURE_SETS,
  type ClaimName,
  type PermitView,
  type ShareFacts,
  type SharePurpose,
} from './permits.model';

/** No 0/O, 1/I/L or U/V pairs a reader could confuse when copying a code from a phone. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 9;
/** The first character names the purpose, so a verifier can tell a work code at a glance. */
export const PURPOSE_LETTER = { work: 'W', renting: 'R', other: 'S' } as const satisfies Record<
  SharePurpose,
  string
>;
/** How long a code works: the holder picks one; at most 90 days (issue 9). */
export const SHARE_CODE_DAYS = [7, 30, 60, 90] as const;
export type ShareCodeDays = (typeof SHARE_CODE_DAYS)[number];
export const DEFAULT_SHARE_CODE_DAYS: ShareCodeDays = 30;
const DAY_MS = 86_400_000;

/** Failed checks from one address: enough for typing mistakes, far too few for guessing. */
export const IP_FAILURES = { max: 10, windowMs: 15 * 60_000 };
/** Failed checks of one code from anywhere: stops many addresses guessing one birth date. */
export const CODE_FAILURES = { max: 20, windowMs: 60 * 60_000 };
export const VERIFIER_NAME_MAX = 120;

/**
 * A fresh code for a purpose, normalised (no spaces). Eight random characters from 30 give
 * about 6.6 × 10^11 codes; with the date of birth and the failure limits, guessing is hopeless.
 */
export function generateCode(purpose: SharePurpose): string {
  let code: string = PURPOSE_LETTER[purpose];
  for (let i = 1; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** `W7K 4QX 92M`: groups of three, as the holder reads it out or types it. */
export function formatCode(code: string): string {
  return code.match(/.{1,3}/g)?.join(' ') ?? code;
}

/**
 * What a verifier typed, as a code: spaces, dashes and case do not matter. Anything else that
 * is not a possible code (a character outside the alphabet, a wrong length or purpose letter)
 * gives undefined, so a form can say "enter the 9 characters" without any look-up.
 */
export function normaliseCode(typed: string): string | undefined {
  const code = typed.replace(/[\s\-‐-―]/g, '').toUpperCase();
  if (code.length !== CODE_LENGTH) return undefined;
  if (![...code].every((c) => CODE_ALPHABET.includes(c))) return undefined;
  return purposeOfCode(code) ? code : undefined;
}

/** The purpose a code's first character names, if it names one. */
export function purposeOfCode(code: string): SharePurpose | undefined {
  const first = code.charAt(0);
  return (Object.keys(PURPOSE_LETTER) as SharePurpose[]).find((p) => PURPOSE_LETTER[p] === first);
}

/** What the database keeps instead of the code: a leaked table gives no working codes. */
export function codeDigest(normalised: string): string {
  return createHash('sha256').update(normalised, 'utf8').digest('hex');
}

/** The last three characters, so the holder can tell their codes apart in the list. */
export function codeHint(normalised: string): string {
  return normalised.slice(-3);
}

export function isShareCodeDays(n: number): n is ShareCodeDays {
  return (SHARE_CODE_DAYS as readonly number[]).includes(n);
}

export function expiryOf(createdAt: Date, days: ShareCodeDays): Date {
  return new Date(createdAt.getTime() + days * DAY_MS);
}

export type ShareCodeState = 'active' | 'expired' | 'revoked';

export function shareCodeState(
  code: { expires_at: Date; revoked_at: Date | null },
  now: Date,
): ShareCodeState {
  if (code.revoked_at) return 'revoked';
  return code.expires_at.getTime() <= now.getTime() ? 'expired' : 'active';
}

const CLAIM_OF_VIEW: Record<ClaimName, (v: PermitView) => string | boolean | null> = {
  given_name: (v) => v.givenName,
  family_name: (v) => v.familyName,
  birthdate: (v) => v.birthdate,
  picture: (v) => v.pictureUrl,
  permit_type: (v) => v.credentialType,
  permit_ground: (v) => v.groundId,
  right_to_work: (v) => v.rightToWork,
  valid_from: (v) => v.validFrom,
  valid_until: (v) => v.validUntil,
  document_number: (v) => v.documentNumber,
};

/** The purpose's facts from a permit, and nothing else (never the date of birth). */
export function factsFor(view: PermitView, purpose: SharePurpose): ShareFacts {
  const facts: Record<string, unknown> = {};
  for (const claim of DISCLOSURE_SETS[purpose]) facts[claim] = CLAIM_OF_VIEW[claim](view);
  return facts as ShareFacts;
}

/** A calendar day typed as YYYY-MM-DD that exists, or undefined. */
export function isoDay(s: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return undefined;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s ? s : undefined;
}

/** Compared when there is no code, so a miss costs what a hit with a wrong date costs. */
export const NO_DATE = '0000-00-00';

/** Two YYYY-MM-DD days compared in constant time. */
export function sameDay(a: string, b: string): boolean {
  const x = Buffer.from(a.padEnd(10).slice(0, 10));
  const y = Buffer.from(b.padEnd(10).slice(0, 10));
  return timingSafeEqual(x, y) && a.length === b.length;
}
