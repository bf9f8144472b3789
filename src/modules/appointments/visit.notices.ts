/**
 * Notices of visits (issue 5): every happening booking reports (visit.happenings.ts) becomes one
 * notification to the visit's holder (account inbox, e-mail, SMS with consent) in their language,
 * inside the transaction that made the change, so a notice exists exactly when the change has
 * committed. The dedupe key is the appointment, or the held offer, so each happening is told once
 * however often it is reported. Partners' desks hold bookings for the applications they filed:
 * their systems hear by webhook and tell the person themselves.
 */
import type { AnyTransaction } from '../../platform/db';
import { LANGUAGES, type Language } from '../../platform/i18n';
import type { SlotRow } from './appointments.repository';
import type { BranchesPack } from './calendar.pack';
import type { VisitHappening, VisitHappenings } from './visit.happenings';

/** The notifications' events for visits (content/lt/notifications.yaml holds their texts). */
export type VisitNoticeEvent =
  | 'visit-booked'
  | 'visit-moved'
  | 'visit-cancelled'
  | 'visit-cancelled-by-branch'
  | 'visit-offered'
  | 'visit-offer-lapsed'
  | 'visit-reminder';

/** A value the notifications module writes in the reader's language: text, an instant, per language. */
export type VisitNoticeValue = string | { at: string } | Partial<Record<Language, string>>;

/** One notification about a visit. */
export interface VisitNotice {
  event: VisitNoticeEvent;
  accountId: string;
  applicationId: string;
  /** The appointment or the offer: with the event, the dedupe key. */
  about: string;
  /** The visit page. */
  path: string;
  values: Record<string, VisitNoticeValue>;
}

/** A partner webhook event (`appointment.<kind>`), for bookings a partner's desk holds. */
export interface VisitPartnerEvent {
  type: string;
  data: Record<string, unknown>;
}

/** What notices need from the rest of Vartai (adapted in src/app/visit-notices.wiring.ts). */
export interface VisitNoticePorts {
  /** Tells an account in the caller's transaction, once per event and `about` (notifications). */
  notify(
    notice: VisitNotice,
    trx: AnyTransaction,
  ): Promise<{ created: boolean } | undefined | void>;
  /** The application's reference, read in the caller's transaction (applications). */
  applicationReference(
    applicationId: string,
    trx: AnyTransaction,
  ): Promise<string | null | undefined>;
  /** A partner's webhook (partners); without it partners' bookings are not reported. */
  notifyPartner?(
    partnerId: string,
    event: VisitPartnerEvent,
    trx: AnyTransaction,
  ): Promise<unknown>;
}

export const visitPath = (applicationId: string) => `/applications/${applicationId}/visit`;
/** The visit's calendar file (visit-ics.pages.ts). */
export const calendarPath = (applicationId: string) => `${visitPath(applicationId)}.ics`;

/** A branch as the reader reads it: its name in each language with its address. */
export function branchValue(pack: BranchesPack, code: string): VisitNoticeValue {
  const b = pack.branches.find((x) => x.code === code);
  if (!b) return code;
  return Object.fromEntries(LANGUAGES.map((l) => [l, `${b.name[l]}, ${b.address}`]));
}

const at = (d: Date) => ({ at: d.toISOString() });

/** The values every notice of a booked visit carries: where, when, the calendar file. */
export function visitValues(
  d: { pack: BranchesPack; publicUrl: string },
  applicationId: string,
  reference: string,
  slot: SlotRow,
): Record<string, VisitNoticeValue> {
  return {
    reference,
    branch: branchValue(d.pack, slot.branch_code),
    when: at(slot.starts_at),
    calendar: `${d.publicUrl}${calendarPath(applicationId)}`,
  };
}

/** The notification a happening makes (events and values as the pack's templates expect). */
function noticeOf(
  d: { pack: BranchesPack; publicUrl: string },
  h: VisitHappening,
  reference: string,
): VisitNotice {
  const base = (accountId: string, applicationId: string, about: string) => ({
    accountId,
    applicationId,
    about,
    path: visitPath(applicationId),
  });
  switch (h.kind) {
    case 'booked':
    case 'moved': {
      const a = h.appointment;
      return {
        ...base(a.account_id, a.application_id, a.id),
        event: h.kind === 'booked' ? 'visit-booked' : 'visit-moved',
        values: visitValues(d, a.application_id, reference, h.slot),
      };
    }
    case 'cancelled': {
      const a = h.appointment;
      // The holder's own cancellation, or the branch's (staff, or the system for them).
      const own = h.by === a.account_id;
      return {
        ...base(a.account_id, a.application_id, a.id),
        event: own ? 'visit-cancelled' : 'visit-cancelled-by-branch',
        values: own
          ? { reference, when: at(h.slot.starts_at) }
          : {
              reference,
              branch: branchValue(d.pack, h.slot.branch_code),
              when: at(h.slot.starts_at),
            },
      };
    }
    case 'offered': {
      const o = h.offer;
      return {
        ...base(o.account_id, o.application_id, o.id),
        event: 'visit-offered',
        values: {
          reference,
          branch: branchValue(d.pack, h.slot.branch_code),
          when: at(h.slot.starts_at),
          heldUntil: at(o.held_until),
        },
      };
    }
    case 'offer-lapsed': {
      const o = h.offer;
      return {
        ...base(o.account_id, o.application_id, o.id),
        event: 'visit-offer-lapsed',
        values: { reference },
      };
    }
  }
}

/** The webhook event for a partner's booking: ids and times only, no personal data. */
function partnerEventOf(h: VisitHappening): VisitPartnerEvent {
  const slot = {
    branch: h.slot.branch_code,
    startsAt: h.slot.starts_at.toISOString(),
    minutes: h.slot.minutes,
  };
  if (h.kind === 'offered' || h.kind === 'offer-lapsed')
    return {
      type: `appointment.${h.kind}`,
      data: {
        applicationId: h.offer.application_id,
        offerId: h.offer.id,
        heldUntil: h.offer.held_until.toISOString(),
        ...slot,
      },
    };
  return {
    type: `appointment.${h.kind}`,
    data: {
      applicationId: h.appointment.application_id,
      appointmentId: h.appointment.id,
      ...(h.kind === 'moved' ? { from: h.from.id } : {}),
      ...(h.kind === 'cancelled' ? { byHolder: h.by === h.appointment.account_id } : {}),
      ...slot,
    },
  };
}

/** Turns each visit happening into its notification (or a partner's webhook event). */
export function createVisitNotices(d: {
  pack: BranchesPack;
  /** The portal's address (PUBLIC_URL), for the calendar file's link. */
  publicUrl: string;
  ports: VisitNoticePorts;
}): VisitHappenings {
  return async (h, trx) => {
    const holder = h.kind === 'offered' || h.kind === 'offer-lapsed' ? h.offer : h.appointment;
    if (holder.holder_kind === 'partner') {
      await d.ports.notifyPartner?.(holder.account_id, partnerEventOf(h), trx);
      return;
    }
    const reference =
      (await d.ports.applicationReference(holder.application_id, trx)) ?? holder.application_id;
    await d.ports.notify(noticeOf(d, h, reference), trx);
  };
}
