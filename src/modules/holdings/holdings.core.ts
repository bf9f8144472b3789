/**
 * The pure rules of held documents: dates in Vilnius, when a renewal reminder is due, what a
 * renewal form can be pre-filled with, and where a holder goes after a loss report. No I/O.
 */

export const HELD_KINDS = [
  'residence-permit',
  'permanent-residence-permit',
  'eu-residence-card',
  'passport',
  'identity-card',
] as const;
export type HeldKind = (typeof HELD_KINDS)[number];

/** Citizens' documents (S12); the rest are foreigners' permits and cards. */
export const CITIZEN_KINDS: readonly HeldKind[] = ['passport', 'identity-card'];
export const isCitizenDocument = (kind: HeldKind) => CITIZEN_KINDS.includes(kind);

export type HeldStatus = 'valid' | 'reported-lost' | 'reported-stolen' | 'replaced' | 'revoked';

/**
 * Reminder thresholds in days before expiry: MIGRIS e-mails 120 and 60 days before a permit
 * expires (FAQ Q16); a renewal may be filed up to 4 months before expiry (cat. §2 S01).
 */
export const REMINDER_THRESHOLDS = [120, 60] as const;
export type Threshold = (typeof REMINDER_THRESHOLDS)[number];

const VILNIUS_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Vilnius',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day (YYYY-MM-DD) in Vilnius at an instant: expiry is a Lithuanian date. */
export const vilniusDate = (at: Date): string => VILNIUS_DAY.format(at);

const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

/** Whole days from one calendar day to another (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number =>
  Math.round(dayNumber(to) - dayNumber(from));

/** A calendar day moved by some days. */
export function addDays(iso: string, days: number): string {
  return new Date((dayNumber(iso) + days) * 86_400_000).toISOString().slice(0, 10);
}

export interface HeldFacts {
  kind: HeldKind;
  status: HeldStatus;
  expires_on: string;
}

/** Valid on a day: not invalidated and not past its last day. */
export const isValidOn = (d: Pick<HeldFacts, 'status' | 'expires_on'>, day: string) =>
  d.status === 'valid' && d.expires_on >= day;

/**
 * The reminder due for a document on a day, if any: the tightest threshold it has reached. A
 * document first seen 50 days before expiry gets the 60-day reminder only, not two at once.
 */
export function dueThreshold(d: HeldFacts, today: string): Threshold | undefined {
  if (!isValidOn(d, today)) return undefined;
  const left = daysBetween(today, d.expires_on);
  if (left <= 60) return 60;
  if (left <= 120) return 120;
  return undefined;
}

/** A renewal is offered from 120 days before expiry while the document is still valid. */
export const renewalOffered = (d: HeldFacts, today: string) => dueThreshold(d, today) !== undefined;

/** What the held document itself says, in the catalogue's question ids (content/lt/questions.yaml and the service files). */
export interface HeldIdentity {
  kind: HeldKind;
  document_number: string;
  holder_given_names: string;
  holder_surname: string;
  holder_date_of_birth: string;
  holder_nationality: string;
  personal_code: string | null;
}

export function answersFromHeld(
  d: HeldIdentity,
  contactEmail: string | undefined,
): Record<string, string> {
  const answers: Record<string, string> = {
    'given-names': d.holder_given_names,
    surname: d.holder_surname,
    'date-of-birth': d.holder_date_of_birth,
    nationality: d.holder_nationality,
  };
  if (contactEmail) answers.email = contactEmail.toLowerCase();
  if (d.personal_code) answers['personal-code'] = d.personal_code;
  if (d.kind === 'residence-permit') {
    // S01 asks whether this is a first permit or a renewal; a held permit makes it a renewal.
    answers['application-kind'] = 'renewal';
  }
  if (d.kind === 'permanent-residence-permit') answers['current-permit-number'] = d.document_number;
  return answers;
}

/**
 * The renewal form's answers: the application the document was issued on first (what the person
 * told us then), overridden by what the document itself says, limited to the questions the
 * renewal form asks, so nothing stray is carried over.
 */
export function prefilledAnswers(input: {
  issuedOn: Record<string, string | null> | undefined;
  fromDocument: Record<string, string>;
  questionIds: readonly string[];
}): Record<string, string> {
  const asked = new Set(input.questionIds);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...(input.issuedOn ?? {}), ...input.fromDocument })) {
    if (asked.has(k) && typeof v === 'string' && v !== '') out[k] = v;
  }
  return out;
}

/**
 * Where the holder goes after reporting a loss (cat. §2 S02: apply for a new TRP card; S12:
 * order a new passport or identity card). Only the TRP has a card-replacement service in the
 * pack; for the other permits the service page is the next step (UNCERTAIN which procedure).
 */
export function nextStepAfterLoss(kind: HeldKind): { key: string; href: string } {
  switch (kind) {
    case 'residence-permit':
      return {
        key: 'newCard',
        href: '/applications/new?service=temporary-residence-permit-new-card&ground=lost-card',
      };
    case 'passport':
      return {
        key: 'newPassport',
        href: '/applications/new?service=identity-documents&ground=passport',
      };
    case 'identity-card':
      return {
        key: 'newIdCard',
        href: '/applications/new?service=identity-documents&ground=id-card',
      };
    case 'permanent-residence-permit':
      return { key: 'servicePage', href: '/services/permanent-residence-permit' };
    case 'eu-residence-card':
      return { key: 'servicePage', href: '/services/eu-family-member-card' };
  }
}
