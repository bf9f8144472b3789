/**
 * The notification part of the country pack (content/lt/notifications.yaml): one template per
 * event in every language, and the pack's settings. Validated with Zod at start-up like the other
 * pack files: a missing event or language, or a placeholder the event does not supply, stops
 * start-up naming the file and the field.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { LANGUAGES, type Language } from '../../platform/i18n';
import { notificationsErrors } from './errors';

export const DEFAULT_NOTIFICATION_PACK = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../content/lt/notifications.yaml',
);

/** Every step an applicant must know about (issue 4 point 8). */
export const NOTIFICATION_EVENTS = [
  'application-received',
  'visit-needed',
  'information-requested',
  'information-due-soon',
  'decision-made',
  'document-ready-for-collection',
  'document-sent-by-courier',
  'contact-centre-message',
  // Visits (appointments module, issue 5): each change to a booking, held places, the reminder.
  'visit-booked',
  'visit-moved',
  'visit-cancelled',
  'visit-cancelled-by-branch',
  'visit-offered',
  'visit-offer-lapsed',
  'visit-reminder',
  // The virtual assistant (issue 10): a contact-centre agent answered a handed-off conversation.
  'assistant-reply',
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

/**
 * The values each event's caller supplies; `name` (the account's name) is added by the module.
 * A template may use only these, so a text can never ask for something its event does not know.
 */
export const EVENT_PLACEHOLDERS: Record<NotificationEvent, readonly string[]> = {
  'application-received': ['reference', 'service'],
  'visit-needed': ['reference'],
  'information-requested': ['dueOn'],
  'information-due-soon': ['dueOn'],
  'decision-made': ['reference'],
  'document-ready-for-collection': ['branch'],
  'document-sent-by-courier': ['tracking'],
  'contact-centre-message': ['reference', 'message'],
  'visit-booked': ['reference', 'branch', 'when', 'calendar'],
  'visit-moved': ['reference', 'branch', 'when', 'calendar'],
  'visit-cancelled': ['reference', 'when'],
  'visit-cancelled-by-branch': ['reference', 'branch', 'when'],
  'visit-offered': ['reference', 'branch', 'when', 'heldUntil'],
  'visit-offer-lapsed': ['reference'],
  'visit-reminder': ['reference', 'branch', 'when', 'calendar'],
  'assistant-reply': ['message'],
};
/**
 * In the body only, never in a subject line (shown in mail lists): free text by staff, and
 * addresses (the calendar file's) that make a subject unreadable.
 */
const BODY_ONLY = new Set(['message', 'calendar']);
/**
 * An SMS carries no personal data beyond the reference: no name, no contents, no address. A
 * visit's time and how long a place is held are not personal data and are what the SMS is for.
 */
export const SMS_PLACEHOLDERS: readonly string[] = [
  'reference',
  'dueOn',
  'when',
  'heldUntil',
  'portal',
];

const Line = z
  .string()
  .min(1)
  .regex(/^[^\r\n]+$/, 'must be one line');
const inLanguages = <T extends z.ZodType>(text: T) =>
  z.strictObject({ lt: text, en: text, ru: text, uk: text });
const Template = z.strictObject({
  subject: inLanguages(Line),
  body: inLanguages(z.string().min(1)),
  sms: inLanguages(Line),
});
export type NotificationTemplate = z.infer<typeof Template>;
const File = z.strictObject({
  settings: z.strictObject({
    information_due_soon_days: z.number().int().min(1).max(30),
  }),
  events: z.strictObject(
    Object.fromEntries(NOTIFICATION_EVENTS.map((e) => [e, Template])) as Record<
      NotificationEvent,
      typeof Template
    >,
  ),
});

export interface NotificationPack {
  /** An unanswered request due within this many days (today included) gets one reminder. */
  dueSoonDays: number;
  templates: Record<NotificationEvent, NotificationTemplate>;
}

const PLACEHOLDER = /\{([^{}]*)\}/g;
const placeholdersIn = (text: string) => [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);

/** Which placeholders a field of an event's template may use. */
function allowed(event: NotificationEvent, field: keyof NotificationTemplate): Set<string> {
  const own = ['name', ...EVENT_PLACEHOLDERS[event]];
  if (field === 'sms')
    return new Set(own.filter((p) => SMS_PLACEHOLDERS.includes(p)).concat('portal'));
  if (field === 'subject') return new Set(own.filter((p) => !BODY_ONLY.has(p)));
  return new Set(own);
}

/** Reads and checks the pack file; throws NOTIFICATION_PACK_INVALID naming file and field. */
export function loadNotificationPack(file = DEFAULT_NOTIFICATION_PACK): NotificationPack {
  const name = path.basename(file);
  let data: unknown;
  try {
    data = parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw notificationsErrors.packInvalid(name, '', (e as Error).message);
  }
  const result = File.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw notificationsErrors.packInvalid(name, issue.path.map(String).join('.'), issue.message);
  }
  const templates = result.data.events;
  for (const event of NOTIFICATION_EVENTS) {
    for (const field of ['subject', 'body', 'sms'] as const) {
      const ok = allowed(event, field);
      for (const lang of LANGUAGES) {
        const bad = placeholdersIn(templates[event][field][lang]).find((p) => !ok.has(p));
        if (bad !== undefined)
          throw notificationsErrors.packInvalid(
            name,
            `events.${event}.${field}.${lang}`,
            `unknown placeholder {${bad}}; this one may use ${[...ok].map((p) => `{${p}}`).join(', ')}`,
          );
      }
    }
  }
  return { dueSoonDays: result.data.settings.information_due_soon_days, templates };
}

/**
 * A value for a placeholder: text, a calendar day (YYYY-MM-DD), an instant (ISO 8601, e.g. a
 * visit's start) or a text per language.
 */
export type NoticeValue =
  string | { date: string } | { at: string } | Partial<Record<Language, string>>;

/**
 * The value in the reader's language: days written out as that language writes them; instants
 * as a day and a time on Vilnius clocks, where the Department's branches are (texts say so).
 */
export function localise(v: NoticeValue, lang: Language): string {
  if (typeof v === 'string') return v;
  if ('date' in v && typeof v.date === 'string') {
    return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(`${v.date}T00:00:00Z`),
    );
  }
  if ('at' in v && typeof v.at === 'string') {
    return new Intl.DateTimeFormat(lang, {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: 'Europe/Vilnius',
    }).format(new Date(v.at));
  }
  const texts = v as Partial<Record<Language, string>>;
  return texts[lang] ?? texts.lt ?? Object.values(texts)[0] ?? '';
}

/** Fills `{placeholders}`; the pack check guarantees each one is known to the event. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(PLACEHOLDER, (whole, key: string) => values[key] ?? whole);
}

/** The event's subject, body and SMS in `lang`, with the values (already localised) filled in. */
export function renderNotification(
  pack: NotificationPack,
  event: NotificationEvent,
  lang: Language,
  values: Record<string, string>,
): { subject: string; body: string; sms: string } {
  const t = pack.templates[event];
  return {
    subject: fill(t.subject[lang], values),
    body: fill(t.body[lang], values),
    sms: fill(t.sms[lang], values),
  };
}
