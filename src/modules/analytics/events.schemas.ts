/**
 * The contract between the modules and analytics (ADR 0015): every event `src/app` may record,
 * one Zod discriminated union on `kind`. Each kind is a strict object, so a field the contract
 * does not name — a person's name, a reason, a question, a reply — is refused, not dropped: no
 * personal data can reach the event table by a listener passing a row through.
 *
 * Allowed in payloads: pseudonymous uuids (case, application, appointment, conversation, staff
 * account, run …), codes (service, ground, branch code, urgency, status, outcome, tier, answer
 * kind, language), the nationality group (never the nationality), the channel, days and counts.
 */
import { z } from 'zod';
import { CASE_ACTION_KINDS, CASE_STATUSES, DECISION_OUTCOMES } from '../cases';
import { TIERS, type Tier } from '../triage';
import { LANGUAGES } from '../../platform/i18n';
import { analyticsErrors } from './errors';

/** The code for an unknown branch or ground, so fact keys need no NULLs. */
export const NONE = 'none';

/** How an application was filed: from `filed_by_kind` and `filed_by_partner_id` (PLAN G8). */
export const CHANNELS = ['portal', 'partner', 'branch'] as const;
export type Channel = (typeof CHANNELS)[number];

// Mirrors of other modules' values their index does not export (catalogue URGENCY_LEVELS,
// assistant ANSWER_KINDS, cases CONTACT_CHANNELS). A new value there fails the listener's
// record call in its module's tests, which is when the fold must learn it too.
export const URGENCIES = ['general', 'urgent', 'next-day', 'same-day'] as const;
export const ANSWER_KINDS = [
  'catalogue',
  'faq',
  'own-case',
  'sign-in',
  'refusal',
  'greeting',
  'not-sure',
  'handoff',
] as const;
export const CONTACT_CHANNELS = ['phone', 'email', 'visit'] as const;
/** Assistant confidence, banded in the wiring so the raw score does not become a contract. */
export const CONFIDENCE_BANDS = ['low', 'medium', 'high'] as const;
/** Who cancelled a visit: its holder, staff, or the system when the case closed. */
export const CANCELLED_BY = ['holder', 'staff', 'system'] as const;

/** A pseudonymous id: any 8-4-4-4-12 hex uuid (seeded simulation ids need not be RFC 4122 v4). */
const Id = z.guid();
/** A code: no spaces, so no name or sentence fits (service, ground, branch, criteria version). */
const Code = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'a code: letters, digits, dot, dash, underscore');
const Day = z.iso.date();
const Count = z.int().min(0);
/** Business time from the injected clock; the fact day is its Vilnius calendar day. */
const At = z.date();

const event = <K extends string, S extends z.ZodRawShape>(kind: K, shape: S) =>
  z.strictObject({ kind: z.literal(kind), occurredAt: At, ...shape });

/** What the case knows of itself alongside each action (the wiring reads the case row). */
const caseFacts = {
  caseId: Id,
  serviceId: Code,
  /** The responsible branch's code (case assignment), or `none`. */
  branchCode: Code,
};

export const ApplicationSubmitted = event('application.submitted', {
  applicationId: Id,
  caseId: Id,
  serviceId: Code,
  groundId: Code,
  urgency: z.enum(URGENCIES),
  channel: z.enum(CHANNELS),
  nationalityGroup: Code,
  /** The delivery branch chosen at submission, or `none`: the weakest source of a case's branch. */
  deliveryBranchCode: Code,
  submittedOn: Day,
  /** Null while the term has not started (it starts at acceptance for some services). */
  termStartsOn: Day.nullable(),
  deadlineOn: Day.nullable(),
  termDays: Count.nullable(),
});

/** Every action recorded on a case (cases.service.recordAction, PLAN G1) but the opening one. */
export const CaseAction = event('case.action', {
  ...caseFacts,
  /** Position in the case's action list; the opening action is 1. */
  seq: z.int().min(2),
  action: z.enum(CASE_ACTION_KINDS),
  actorKind: z.enum(['staff', 'applicant', 'partner', 'system']),
  /** The officer who recorded it; null for the applicant, a partner or the system. */
  staffAccountId: Id.nullable(),
  statusBefore: z.enum(CASE_STATUSES),
  statusAfter: z.enum(CASE_STATUSES),
  /** The decision's outcome when the action decides (approval or a direct decision). */
  outcome: z.enum(DECISION_OUTCOMES).nullable(),
  /** Where the visit was recorded (the `accepted` action's branch); null otherwise. */
  visitBranchCode: Code.nullable(),
  termStartsOn: Day.nullable(),
  /** The deadline after the action (moved by suspensions); null once closed. */
  deadlineOn: Day.nullable(),
  /** The deadline before the action: a decision is judged against it. */
  deadlineBefore: Day.nullable(),
  termDays: Count.nullable(),
  /** The answer's due day on `information-requested`; null otherwise. */
  dueOn: Day.nullable(),
});

/** An officer took the case (queues, PLAN G2): sets the responsible branch. */
export const CaseAssigned = event('case.assigned', {
  caseId: Id,
  staffAccountId: Id,
  branchCode: Code,
});

const visitFacts = {
  appointmentId: Id,
  applicationId: Id,
  branchCode: Code,
  serviceId: Code,
  /** The day of the visit (facts are per visit day, not per booking day). */
  visitOn: Day,
};

export const AppointmentBooked = event('appointment.booked', visitFacts);
export const AppointmentMoved = event('appointment.moved', {
  ...visitFacts,
  /** The appointment it replaces, and that one's branch and day. */
  fromAppointmentId: Id,
  fromBranchCode: Code,
  fromVisitOn: Day,
});
export const AppointmentCancelled = event('appointment.cancelled', {
  ...visitFacts,
  by: z.enum(CANCELLED_BY),
});
export const AppointmentOffered = event('appointment.offered', {
  offerId: Id,
  applicationId: Id,
  branchCode: Code,
  serviceId: Code,
  visitOn: Day,
});
export const AppointmentOfferLapsed = event('appointment.offer-lapsed', {
  offerId: Id,
  applicationId: Id,
  branchCode: Code,
  serviceId: Code,
  visitOn: Day,
});
export const AppointmentCheckedIn = event('appointment.checked-in', visitFacts);
export const AppointmentNoShow = event('appointment.no-show', visitFacts);
export const AppointmentCancelledCaseClosed = event(
  'appointment.cancelled-case-closed',
  visitFacts,
);
const walkInFacts = { walkInId: Id, branchCode: Code, serviceId: Code, visitOn: Day };
export const WalkInRegistered = event('appointment.walk-in-registered', walkInFacts);
export const WalkInServed = event('appointment.walk-in-served', walkInFacts);
export const WalkInLeft = event('appointment.walk-in-left', walkInFacts);
/** A day's capacity after a change (slots made or capacity set): the fold keeps the latest. */
export const CapacitySet = event('appointment.capacity-set', {
  branchCode: Code,
  serviceId: Code,
  visitOn: Day,
  capacity: Count,
});

/** A triage run as the pipeline saw it (the wrapped port; `seq` > 1 is a rerun). */
export const TriageRun = event('triage.run', {
  runId: Id,
  caseId: Id,
  serviceId: Code,
  seq: z.int().min(1),
  tier: z.enum(TIERS as readonly [Tier, ...Tier[]]),
  switchedOff: z.boolean(),
  criteriaVersion: Code,
});
/** An officer disregarded a tier (PLAN G4); the reason stays in the triage module. */
export const TriageOverridden = event('triage.overridden', {
  overrideId: Id,
  runId: Id,
  caseId: Id,
  serviceId: Code,
  tier: z.enum(TIERS as readonly [Tier, ...Tier[]]),
});
/** A decision proposed from a prepared grant (PLAN G5). */
export const PreparedGrantUsed = event('prepared-grant.used', {
  caseId: Id,
  proposalId: Id,
  serviceId: Code,
  edited: z.boolean(),
});

/** One assistant answer (PLAN G6): nothing else is written, so it is recorded with trx = null. */
export const AssistantAnswered = event('assistant.answered', {
  answerId: Id,
  lang: z.enum(LANGUAGES),
  answerKind: z.enum(ANSWER_KINDS),
  confidence: z.enum(CONFIDENCE_BANDS),
  handoffOffered: z.boolean(),
  signedIn: z.boolean(),
});
const conversationFacts = { conversationId: Id, lang: z.enum(LANGUAGES) };
export const ConversationHandedOff = event('conversation.handed-off', conversationFacts);
export const ConversationTaken = event('conversation.taken', {
  ...conversationFacts,
  staffAccountId: Id,
});
/** An agent's reply; `minutesSinceHandoff` only on the first one (the contact-centre's pace). */
export const ConversationReplied = event('conversation.replied', {
  ...conversationFacts,
  messageId: Id,
  staffAccountId: Id,
  first: z.boolean(),
  minutesSinceHandoff: Count.nullable(),
});
export const ConversationClosed = event('conversation.closed', {
  ...conversationFacts,
  staffAccountId: Id,
});
/** A contact-centre log entry or message (PLAN G7); its summary stays in the cases module. */
export const ContactLogged = event('contact.logged', {
  entryId: Id,
  caseId: Id,
  entryKind: z.enum(['contact', 'message']),
  channel: z.enum(CONTACT_CHANNELS),
  staffAccountId: Id,
});

export const AnalyticsEvent = z.discriminatedUnion('kind', [
  ApplicationSubmitted,
  CaseAction,
  CaseAssigned,
  AppointmentBooked,
  AppointmentMoved,
  AppointmentCancelled,
  AppointmentOffered,
  AppointmentOfferLapsed,
  AppointmentCheckedIn,
  AppointmentNoShow,
  AppointmentCancelledCaseClosed,
  WalkInRegistered,
  WalkInServed,
  WalkInLeft,
  CapacitySet,
  TriageRun,
  TriageOverridden,
  PreparedGrantUsed,
  AssistantAnswered,
  ConversationHandedOff,
  ConversationTaken,
  ConversationReplied,
  ConversationClosed,
  ContactLogged,
]);
export type AnalyticsEvent = z.infer<typeof AnalyticsEvent>;
export type AnalyticsEventKind = AnalyticsEvent['kind'];
export type EventOf<K extends AnalyticsEventKind> = Extract<AnalyticsEvent, { kind: K }>;

export const ANALYTICS_EVENT_KINDS = AnalyticsEvent.options.map(
  (o) => o.shape.kind.value,
) as readonly AnalyticsEventKind[];

/**
 * The business key of what happened: a second report of the same thing (a retried job, a
 * listener called twice, a simulated day replayed) has the same key and inserts nothing.
 * Stable: the fold and rebuilds rely on it, so a format never changes once released.
 */
export function eventKey(e: AnalyticsEvent): string {
  switch (e.kind) {
    case 'application.submitted':
      return `${e.kind}:${e.applicationId}`;
    case 'case.action':
      return `${e.kind}:${e.caseId}:${e.seq}`;
    case 'case.assigned':
      // Assignment has no id of its own: the officer and the instant name it.
      return `${e.kind}:${e.caseId}:${e.staffAccountId}:${e.occurredAt.toISOString()}`;
    case 'appointment.booked':
    case 'appointment.moved':
    case 'appointment.cancelled':
    case 'appointment.checked-in':
    case 'appointment.no-show':
    case 'appointment.cancelled-case-closed':
      return `${e.kind}:${e.appointmentId}`;
    case 'appointment.offered':
    case 'appointment.offer-lapsed':
      return `${e.kind}:${e.offerId}`;
    case 'appointment.walk-in-registered':
    case 'appointment.walk-in-served':
    case 'appointment.walk-in-left':
      return `${e.kind}:${e.walkInId}`;
    case 'appointment.capacity-set':
      // A day's capacity may change many times; each change is its own fact (latest wins).
      return `${e.kind}:${e.branchCode}:${e.serviceId}:${e.visitOn}:${e.occurredAt.toISOString()}`;
    case 'triage.run':
      return `${e.kind}:${e.runId}`;
    case 'triage.overridden':
      return `${e.kind}:${e.overrideId}`;
    case 'prepared-grant.used':
      return `${e.kind}:${e.proposalId}`;
    case 'assistant.answered':
      return `${e.kind}:${e.answerId}`;
    case 'conversation.handed-off':
      return `${e.kind}:${e.conversationId}`;
    case 'conversation.taken':
      return `${e.kind}:${e.conversationId}:${e.staffAccountId}`;
    case 'conversation.replied':
      return `${e.kind}:${e.messageId}`;
    case 'conversation.closed':
      return `${e.kind}:${e.conversationId}`;
    case 'contact.logged':
      return `${e.kind}:${e.entryId}`;
  }
}

/** Parses an event at the boundary; anything outside the contract is ANALYTICS_EVENT_INVALID. */
export function parseAnalyticsEvent(input: unknown): AnalyticsEvent {
  const r = AnalyticsEvent.safeParse(input);
  if (r.success) return r.data;
  throw analyticsErrors.eventInvalid(
    r.error.issues.map((i) => ({
      path: i.path.map(String).join('.') || '(event)',
      // Zod names the unrecognised keys in the message; the values never reach the error.
      message: i.message,
    })),
  );
}

/** How an event is stored: kind and business time as columns, the other fields as payload. */
export interface StoredEvent {
  key: string;
  kind: AnalyticsEventKind;
  occurred_at: Date;
  payload: Record<string, unknown>;
}

export function toStored(e: AnalyticsEvent): StoredEvent {
  const { kind, occurredAt, ...payload } = e;
  return { key: eventKey(e), kind, occurred_at: occurredAt, payload };
}

/** The event back from its row (the fold reads them so); checked again, the contract may move. */
export function fromStored(row: Pick<StoredEvent, 'kind' | 'occurred_at' | 'payload'>) {
  return parseAnalyticsEvent({ ...row.payload, kind: row.kind, occurredAt: row.occurred_at });
}
