/**
 * A visit as a calendar file (RFC 5545), written by the `ics` package (docs/adr/0008): one
 * event whose UID is the appointment, so downloading it again updates the same entry, and a move
 * (a new appointment) is a new one. The start is written in UTC, which every calendar turns into
 * the reader's own time. Nothing personal beyond the application's reference: the file is often
 * synced to third-party calendar services.
 */
import { createEvent, type EventAttributes } from 'ics';

export interface VisitCalendar {
  appointmentId: string;
  startsAt: Date;
  minutes: number;
  /** In the applicant's language. */
  title: string;
  description: string;
  /** The branch's name and address. */
  location: string;
  /** The visit page, to change or cancel it. */
  url: string;
  /** Vartai's host (PUBLIC_URL): the UID's domain, unique per deployment. */
  domain: string;
  /** When the file was made (DTSTAMP), from the injected clock. */
  stamp: Date;
}

export const CALENDAR_PRODUCT = 'vartai/appointments';

/** The VCALENDAR text of one visit; the library's validation failing is a bug, so it throws. */
export function visitCalendar(v: VisitCalendar): string {
  const attributes = {
    uid: `${v.appointmentId}@${v.domain}`,
    productId: CALENDAR_PRODUCT,
    start: v.startsAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { minutes: v.minutes },
    title: v.title,
    description: v.description,
    location: v.location,
    url: v.url,
    status: 'CONFIRMED',
    busyStatus: 'BUSY',
    // DTSTAMP: the library reads the system clock unless told (its schema accepts `timestamp`).
    timestamp: v.stamp.getTime(),
  } satisfies EventAttributes & { timestamp: number };
  const { error, value } = createEvent(attributes);
  if (error || !value) throw error ?? new Error('ics wrote no calendar');
  return value;
}
