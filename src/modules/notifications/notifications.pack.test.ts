import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../platform/i18n';
import {
  DEFAULT_NOTIFICATION_PACK,
  EVENT_PLACEHOLDERS,
  loadNotificationPack,
  localise,
  NOTIFICATION_EVENTS,
  renderNotification,
} from './notifications.pack';

const pack = loadNotificationPack();
type Raw = {
  settings: Record<string, unknown>;
  events: Record<string, Record<string, Record<string, string>>>;
};

/** The real pack file, changed by `edit`, written where the loader can read it. */
function broken(edit: (raw: Raw) => void): string {
  const raw = parse(fs.readFileSync(DEFAULT_NOTIFICATION_PACK, 'utf8')) as Raw;
  edit(raw);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pack-')), 'notifications.yaml');
  fs.writeFileSync(file, stringify(raw));
  return file;
}

/** Sample values, as long as real ones get. */
const SAMPLE: Record<string, string> = {
  name: 'Oleksandra Kovalenko-Shevchenko',
  reference: 'VRT-2027-0001234-5',
  service: 'Leidimas laikinai gyventi',
  dueOn: localise({ date: '2027-09-30' }, 'lt'),
  branch: 'Vilniaus migracijos skyrius, Birutės g. 56, Vilnius',
  tracking: 'CR20270405-1A2B3C',
  message: 'Atvykite su pasu.',
  portal: 'https://vartai.migracija.lt/account/notifications',
  calendar:
    'https://vartai.migracija.lt/applications/0b5c1a62-3f0e-4a5e-9c1d-7e2f4b8a6d10/visit.ics',
};
/** Per-language samples, as long as each language writes them (September, a long month name). */
const localised = (lang: Language): Record<string, string> => ({
  dueOn: localise({ date: '2027-09-30' }, lang),
  when: localise({ at: '2027-09-30T08:30:00Z' }, lang),
  heldUntil: localise({ at: '2027-09-28T20:45:00Z' }, lang),
});

describe('the notification pack', () => {
  it('has every event in every language, with the pack settings', () => {
    expect(Object.keys(pack.templates).sort()).toEqual([...NOTIFICATION_EVENTS].sort());
    expect(pack.dueSoonDays).toBe(3);
    for (const event of NOTIFICATION_EVENTS)
      for (const lang of LANGUAGES) expect(pack.templates[event].body[lang]).toContain('{name}');
  });

  it('renders every template with its values; SMS stay short and carry no name or message', () => {
    for (const event of NOTIFICATION_EVENTS) {
      for (const lang of LANGUAGES) {
        const values = { ...SAMPLE, ...localised(lang) };
        const r = renderNotification(pack, event, lang, values);
        for (const text of [r.subject, r.body, r.sms]) expect(text, event).not.toMatch(/[{}]/);
        expect(r.sms.length, `${event} ${lang}: ${r.sms}`).toBeLessThanOrEqual(160);
        expect(r.sms).not.toContain(SAMPLE.name);
        expect(r.sms).not.toContain(SAMPLE.message);
        expect(r.subject).not.toContain(SAMPLE.message);
        // No address in an SMS: neither a branch's nor a link other than the inbox.
        expect(r.sms).not.toContain('Birutės');
        expect(r.sms).not.toContain(SAMPLE.calendar);
        expect(r.subject).not.toContain(SAMPLE.calendar);
        if (EVENT_PLACEHOLDERS[event].includes('reference')) expect(r.sms).toContain('VRT-2027');
      }
    }
  });

  it('writes days in the reader’s language', () => {
    expect(localise({ date: '2027-03-01' }, 'lt')).toBe('2027 m. kovo 1 d.');
    expect(localise({ date: '2027-03-01' }, 'en')).toBe('March 1, 2027');
    // Instants on Vilnius clocks: UTC+2 in winter, UTC+3 in summer.
    expect(localise({ at: '2027-03-01T07:30:00Z' }, 'lt')).toBe('2027 m. kovo 1 d. 09:30');
    expect(localise({ at: '2027-07-01T07:30:00Z' }, 'en')).toBe('July 1, 2027 at 10:30 AM');
    expect(localise({ at: '2027-07-01T07:30:00Z' }, 'uk')).toContain('10:30');
    expect(localise({ lt: 'Vilnius', en: 'Vilnius branch' }, 'uk')).toBe('Vilnius');
  });

  it('stops start-up on an unknown placeholder, naming file and field', () => {
    const file = broken((raw) => {
      raw.events['information-requested']!.body!.ru += ' {reference}';
    });
    expect(() => loadNotificationPack(file)).toThrow(
      /notifications\.yaml: events\.information-requested\.body\.ru: unknown placeholder \{reference\}/,
    );
  });

  it('refuses personal data in an SMS and staff text in a subject', () => {
    const sms = broken((raw) => {
      raw.events['decision-made']!.sms!.en = 'Dear {name}, see {portal}';
    });
    expect(() => loadNotificationPack(sms)).toThrow(/events\.decision-made\.sms\.en: .*\{name\}/);
    const subject = broken((raw) => {
      raw.events['contact-centre-message']!.subject!.lt = 'Žinutė: {message}';
    });
    expect(() => loadNotificationPack(subject)).toThrow(
      /events\.contact-centre-message\.subject\.lt: unknown placeholder \{message\}/,
    );
  });

  it('lets an SMS say when a visit is but not where, and keeps the calendar link out of subjects', () => {
    const where = broken((raw) => {
      raw.events['visit-reminder']!.sms!.lt = 'Vizitas {when}, {branch}: {portal}';
    });
    expect(() => loadNotificationPack(where)).toThrow(
      /events\.visit-reminder\.sms\.lt: unknown placeholder \{branch\}/,
    );
    const link = broken((raw) => {
      raw.events['visit-booked']!.subject!.en = 'Booked: {calendar}';
    });
    expect(() => loadNotificationPack(link)).toThrow(
      /events\.visit-booked\.subject\.en: unknown placeholder \{calendar\}/,
    );
    for (const lang of LANGUAGES) {
      const r = renderNotification(pack, 'visit-offered', lang, { ...SAMPLE, ...localised(lang) });
      expect(r.sms).toContain(localised(lang).heldUntil);
      expect(r.body).toContain(localised(lang).when);
    }
  });

  it('stops start-up on a missing language or a missing event, naming the field', () => {
    const language = broken((raw) => {
      delete raw.events['visit-needed']!.sms!.uk;
    });
    expect(() => loadNotificationPack(language)).toThrow(
      /notifications\.yaml: events\.visit-needed\.sms\.uk:/,
    );
    const event = broken((raw) => {
      delete raw.events['document-sent-by-courier'];
    });
    expect(() => loadNotificationPack(event)).toThrow(
      /notifications\.yaml: events\.document-sent-by-courier:/,
    );
    const unknown = broken((raw) => {
      raw.events['application-withdrawn'] = raw.events['decision-made']!;
    });
    expect(() => loadNotificationPack(unknown)).toThrow(
      /notifications\.yaml: events: .*application-withdrawn/,
    );
  });

  it('names the code NOTIFICATION_PACK_INVALID', () => {
    const file = broken((raw) => {
      raw.settings.information_due_soon_days = 0;
    });
    expect(() => loadNotificationPack(file)).toThrow(
      expect.objectContaining({ code: 'NOTIFICATION_PACK_INVALID' }),
    );
  });
});
