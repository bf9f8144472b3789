/**
 * The limit on changing a booked visit (content/lt/branches.yaml `changes`): a number of free
 * changes (reschedules and cancellations by the applicant), after which the next change blocks
 * booking for some months. Pure, so the page can warn before the change that would block.
 */
import type { AppointmentRow } from './appointments.repository';

export interface ChangeRule {
  free: number;
  blockMonths: number;
}

export interface ChangeStanding {
  /** Changes the applicant has made to this application's visits. */
  made: number;
  free: number;
  /** The next change is the one that blocks booking (warn before it). */
  nextChangeBlocks: boolean;
  /** Booking is blocked until this instant; null when it is not. */
  blockedUntil: Date | null;
}

const addMonths = (at: Date, months: number) => {
  const d = new Date(at);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
};

/** Where an application stands against the change limit, from its appointments. */
export function changeStanding(
  history: readonly Pick<AppointmentRow, 'state' | 'ended_at' | 'ended_by' | 'account_id'>[],
  rule: ChangeRule,
  now: Date,
): ChangeStanding {
  // Only the applicant's own changes count: staff moving a visit (e.g. a closure) is not one.
  const changes = history
    .filter((a) => (a.state === 'moved' || a.state === 'cancelled') && a.ended_by === a.account_id)
    .map((a) => a.ended_at!)
    .sort((x, y) => x.getTime() - y.getTime());
  const blocking = changes[rule.free];
  const until = blocking ? addMonths(blocking, rule.blockMonths) : null;
  return {
    made: changes.length,
    free: rule.free,
    nextChangeBlocks: changes.length === rule.free,
    blockedUntil: until && until > now ? until : null,
  };
}
