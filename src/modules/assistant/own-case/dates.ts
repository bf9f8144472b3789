import type { Language } from '../../../platform/i18n';

/**
 * Dates in an answer, as the pages show them (the `date` and `datetime` filters of
 * src/platform/views): long style, in the Department's time zone. Answers are plain text, so
 * the formatting happens here rather than in a template.
 */
const VILNIUS = 'Europe/Vilnius';

/** A calendar day (YYYY-MM-DD) is shown as written, whatever the time zone; else as an instant. */
export function formatDay(iso: string, lang: Language): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  const d = new Date(day ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang, {
    dateStyle: 'long',
    timeZone: day ? 'UTC' : VILNIUS,
  }).format(d);
}

/** A moment (an appointment's start): date and time in Vilnius. */
export function formatMoment(iso: string, lang: Language): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang, {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: VILNIUS,
  }).format(d);
}
