import { describe, expect, it } from 'vitest';
import { isAppError } from '../../platform/errors';
import {
  ANALYTICS_EVENT_KINDS,
  AnalyticsEvent,
  eventKey,
  fromStored,
  parseAnalyticsEvent,
  toStored,
} from './events.schemas';
import { AT, IDS, SAMPLE_EVENTS } from './events.test-support';

const samples = Object.values(SAMPLE_EVENTS);

/** The error a malformed event raises, for asserting its code and fields. */
function refusal(input: unknown) {
  try {
    parseAnalyticsEvent(input);
  } catch (e) {
    if (isAppError(e)) return e;
    throw e;
  }
  throw new Error('expected the event to be refused');
}

describe('the analytics event contract', () => {
  it('has a sample of every kind, and each parses to itself', () => {
    expect(Object.keys(SAMPLE_EVENTS).sort()).toEqual([...ANALYTICS_EVENT_KINDS].sort());
    for (const e of samples) expect(parseAnalyticsEvent(e)).toEqual(e);
  });

  it.each([
    ['a name', { applicantName: 'Olena Kovalenko' }],
    ['free text', { reason: 'documents were forged' }],
    ['a question', { question: 'Kada gausiu leidimą?' }],
    ['the nationality', { nationality: 'UKR' }],
  ])('refuses %s added to any kind (strict: refused, not dropped)', (_what, extra) => {
    for (const e of samples) {
      const err = refusal({ ...e, ...extra });
      expect(err.code).toBe('ANALYTICS_EVENT_INVALID');
      expect(JSON.stringify(err.details)).toContain(Object.keys(extra)[0]);
      // The refused value itself never travels into logs with the error.
      expect(JSON.stringify(err.details)).not.toContain(Object.values(extra)[0]);
    }
  });

  it('refuses free text where a code belongs', () => {
    const e = SAMPLE_EVENTS['application.submitted'];
    expect(refusal({ ...e, groundId: 'works at Maxima' }).code).toBe('ANALYTICS_EVENT_INVALID');
    expect(refusal({ ...e, nationalityGroup: 'Olena Kovalenko' }).details).toEqual({
      fields: [{ field: 'nationalityGroup', message: expect.stringContaining('code') }],
    });
  });

  it('refuses an unknown kind, a missing field, a bad id, day or enum value', () => {
    const s = SAMPLE_EVENTS['case.action'];
    expect(refusal({ ...s, kind: 'case.deleted' }).code).toBe('ANALYTICS_EVENT_INVALID');
    const { deadlineBefore: _, ...missing } = s;
    expect(refusal(missing).details).toMatchObject({ fields: [{ field: 'deadlineBefore' }] });
    expect(refusal({ ...s, caseId: 'case-1' }).code).toBe('ANALYTICS_EVENT_INVALID');
    expect(refusal({ ...s, deadlineOn: '2027-02-30' }).code).toBe('ANALYTICS_EVENT_INVALID');
    expect(refusal({ ...s, statusAfter: 'lost' }).code).toBe('ANALYTICS_EVENT_INVALID');
    expect(refusal({ ...s, seq: 1 }).code).toBe('ANALYTICS_EVENT_INVALID');
    expect(refusal({ ...s, occurredAt: '2027-03-01T09:30:00Z' }).code).toBe(
      'ANALYTICS_EVENT_INVALID',
    );
    expect(AnalyticsEvent.safeParse({ ...s, outcome: 'grant' }).success).toBe(true);
  });

  it('keys each event by its business key, stably', () => {
    const keys = Object.fromEntries(samples.map((e) => [e.kind, eventKey(e)]));
    expect(keys).toEqual({
      'application.submitted': `application.submitted:${IDS.application}`,
      'case.action': `case.action:${IDS.case}:3`,
      'case.assigned': `case.assigned:${IDS.case}:${IDS.officer}:2027-03-01T09:30:00.000Z`,
      'appointment.booked': `appointment.booked:${IDS.appointment}`,
      'appointment.moved': `appointment.moved:${IDS.appointment}`,
      'appointment.cancelled': `appointment.cancelled:${IDS.appointment}`,
      'appointment.offered': `appointment.offered:${IDS.offer}`,
      'appointment.offer-lapsed': `appointment.offer-lapsed:${IDS.offer}`,
      'appointment.checked-in': `appointment.checked-in:${IDS.appointment}`,
      'appointment.no-show': `appointment.no-show:${IDS.appointment}`,
      'appointment.cancelled-case-closed': `appointment.cancelled-case-closed:${IDS.appointment}`,
      'appointment.walk-in-registered': `appointment.walk-in-registered:${IDS.walkIn}`,
      'appointment.walk-in-served': `appointment.walk-in-served:${IDS.walkIn}`,
      'appointment.walk-in-left': `appointment.walk-in-left:${IDS.walkIn}`,
      'appointment.capacity-set':
        'appointment.capacity-set:VLN:temporary-residence-permit:2027-03-08:2027-03-01T09:30:00.000Z',
      'triage.run': `triage.run:${IDS.run}`,
      'triage.overridden': `triage.overridden:${IDS.override}`,
      'prepared-grant.used': `prepared-grant.used:${IDS.proposal}`,
      'assistant.answered': `assistant.answered:${IDS.answer}`,
      'conversation.handed-off': `conversation.handed-off:${IDS.conversation}`,
      'conversation.taken': `conversation.taken:${IDS.conversation}:${IDS.officer}`,
      'conversation.replied': `conversation.replied:${IDS.message}`,
      'conversation.closed': `conversation.closed:${IDS.conversation}`,
      'contact.logged': `contact.logged:${IDS.entry}`,
    });
    // Every kind has its own key space: no two kinds can collide.
    for (const e of samples) expect(eventKey(e).startsWith(`${e.kind}:`)).toBe(true);
  });

  it('does not key by what may change between two reports of the same thing', () => {
    const a = SAMPLE_EVENTS['case.action'];
    const later = { ...a, occurredAt: new Date(AT.getTime() + 60_000), branchCode: 'KNS' };
    expect(eventKey(later)).toBe(eventKey(a));
    expect(eventKey({ ...a, seq: 4 })).not.toBe(eventKey(a));
  });

  it('stores kind and time as columns and reads every kind back unchanged', () => {
    for (const e of samples) {
      const stored = toStored(e);
      expect(stored.payload).not.toHaveProperty('kind');
      expect(stored.payload).not.toHaveProperty('occurredAt');
      const viaJson = { ...stored, payload: JSON.parse(JSON.stringify(stored.payload)) as object };
      expect(fromStored(viaJson as typeof stored)).toEqual(e);
    }
  });
});
