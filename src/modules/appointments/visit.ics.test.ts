import { describe, expect, it } from 'vitest';
import { vilniusInstant } from './calendar';
import { visitCalendar } from './visit.ics';

/** Unfolds RFC 5545 continuation lines, to read properties whole. */
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '');
const sample = {
  appointmentId: '0b5c1a62-3f0e-4a5e-9c1d-7e2f4b8a6d10',
  minutes: 20,
  title: 'Візит до Департаменту міграції (VRT-2027-0001234-5)',
  description: 'Заява VRT-2027-0001234-5; змінити: https://vartai.example.lt/applications/x/visit',
  location: 'Клайпедський підрозділ, Kauno g. 6, Klaipėda',
  url: 'https://vartai.example.lt/applications/x/visit',
  domain: 'vartai.example.lt',
  stamp: new Date('2027-01-10T12:00:00Z'),
};

describe('a visit as a calendar file', () => {
  it('starts in UTC on either side of the clock change, for the slot’s minutes', () => {
    const winter = unfold(
      visitCalendar({ ...sample, startsAt: vilniusInstant('2027-03-01', '09:30') }),
    );
    expect(winter).toContain('\r\nDTSTART:20270301T073000Z\r\n');
    const summer = unfold(
      visitCalendar({ ...sample, startsAt: vilniusInstant('2027-07-01', '09:30') }),
    );
    expect(summer).toContain('\r\nDTSTART:20270701T063000Z\r\n');
    expect(summer).toContain('\r\nDURATION:PT20M\r\n');
  });

  it('has a stable UID, our clock’s DTSTAMP and escaped text', () => {
    const ics = unfold(visitCalendar({ ...sample, startsAt: new Date('2027-03-01T07:30:00Z') }));
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics).toContain('\r\nPRODID:vartai/appointments\r\n');
    expect(ics).toContain(`\r\nUID:${sample.appointmentId}@vartai.example.lt\r\n`);
    expect(ics).toContain('\r\nDTSTAMP:20270110T120000Z\r\n');
    expect(ics).toContain('\r\nLOCATION:Клайпедський підрозділ\\, Kauno g. 6\\, Klaipėda\r\n');
    expect(ics).toContain('\r\nDESCRIPTION:Заява VRT-2027-0001234-5\\; змінити: https://');
    expect(ics).toContain('\r\nSTATUS:CONFIRMED\r\n');
    expect(ics.endsWith('END:VEVENT\r\nEND:VCALENDAR\r\n')).toBe(true);
  });
});
