/**
 * What happens to a visit that its holder must hear about (booked, moved, cancelled, a held
 * offer from the waitlist or after a branch change, an offer that lapsed). Booking reports each
 * one inside the transaction that made it, so a notice is sent exactly when the change commits;
 * src/app turns them into notifications (e-mail, SMS, the account inbox).
 */
import type { AnyTransaction } from '../../platform/db';
import type { AppointmentRow, SlotRow } from './appointments.repository';
import type { OfferRow } from './waitlist.repository';

export type VisitHappening =
  | { kind: 'booked'; appointment: AppointmentRow; slot: SlotRow }
  | { kind: 'moved'; appointment: AppointmentRow; slot: SlotRow; from: AppointmentRow }
  /** Cancelled by the holder (`by` = their id) or by staff (`by` = `staff:<account id>`). */
  | { kind: 'cancelled'; appointment: AppointmentRow; slot: SlotRow; by: string }
  /** A place held for the holder until `offer.held_until` (waitlist, or a branch change). */
  | { kind: 'offered'; offer: OfferRow; slot: SlotRow }
  /** A held place the holder did not take in time: it went to the next in line. */
  | { kind: 'offer-lapsed'; offer: OfferRow; slot: SlotRow };

export type VisitHappenings = (h: VisitHappening, trx: AnyTransaction) => Promise<void>;

/** Nobody listening (tests of booking alone). */
export const IGNORE_HAPPENINGS: VisitHappenings = async () => {};
