/**
 * The waitlist instead of bot wars (issue 5). When no time suits, an applicant joins the line for
 * the branches and dates they accept. Every place that frees up (a cancellation, a move, new
 * days, more desks, an offer declined or lapsed) is held for the first matching person in line,
 * in the same transaction that freed it, so it is never publicly bookable before the line had
 * it. The holder has `holdHours` to accept; then it goes to the next. A held place counts in the
 * slot's `booked`, so the database's capacity rule covers offers too.
 *
 * Offering is serialised per service with an advisory lock, taken before any slot row lock (the
 * same order everywhere, so no deadlock): two places freed at once go to the first and second in
 * line, never both to the first.
 */
import type { Clock, Ids } from '../../platform/clock';
import type { AnyTransaction } from '../../platform/db';
import type { AuditModule } from '../audit';
import type { AppointmentRow, AppointmentsRepository, SlotRow } from './appointments.repository';
import type { BranchesPack } from './calendar.pack';
import type { VisitHappenings } from './visit.happenings';
import type { HolderKind, OfferRow, WaitlistRepository, WaitlistRow } from './waitlist.repository';

export interface Holder {
  id: string;
  kind: HolderKind;
}

export interface JoinInput {
  applicationId: string;
  holder: Holder;
  serviceId: string;
  branches: string[];
  /** First acceptable visit start and the instant visits must start before. */
  fromAt: Date;
  toAt: Date;
}

export type OfferAnswer =
  | { ok: true; appointment: AppointmentRow; slot: SlotRow }
  | { ok: false; reason: 'not-found' | 'expired' };

/** How many lapsed offers one run of the lapse job handles per transaction. */
const LAPSE_BATCH = 50;

export function createWaitlistService(d: {
  repo: AppointmentsRepository;
  wl: WaitlistRepository;
  clock: Clock;
  ids: Ids;
  audit: AuditModule;
  pack: BranchesPack;
  happenings: VisitHappenings;
}) {
  const { repo, wl, clock } = d;
  const holdMs = () => d.pack.waitlist.holdHours * 3_600_000;
  const system = { kind: 'system' as const, id: 'appointments' };

  /** Holds one place of `slot` (already taken) for an applicant and tells them. */
  async function hold(
    slot: SlotRow,
    who: { applicationId: string; holder: Holder },
    reason: OfferRow['reason'],
    waitlistId: string | null,
    trx: AnyTransaction,
  ) {
    const now = clock.now();
    const offer: OfferRow = {
      id: d.ids.uuid(),
      slot_id: slot.id,
      application_id: who.applicationId,
      account_id: who.holder.id,
      holder_kind: who.holder.kind,
      reason,
      waitlist_id: waitlistId,
      offered_at: now,
      held_until: new Date(now.getTime() + holdMs()),
      state: 'held',
      ended_at: null,
      appointment_id: null,
    };
    await wl.insertOffer(offer, trx);
    await d.audit.record(
      {
        actor: system,
        action: 'appointments.offered',
        subject: { kind: 'application', id: who.applicationId },
        details: { offerId: offer.id, slotId: slot.id, reason, heldUntil: offer.held_until },
      },
      trx,
    );
    await d.happenings({ kind: 'offered', offer, slot }, trx);
    return offer;
  }

  /** Offers a waiting entry a place of `slot` if one is left; false when the slot is full. */
  async function offerTo(e: WaitlistRow, slotId: string, trx: AnyTransaction) {
    const taken = await repo.takePlace(slotId, clock.now(), trx);
    if (!taken) return false;
    await wl.markOffered(e.id, trx);
    await hold(
      taken,
      { applicationId: e.application_id, holder: { id: e.account_id, kind: e.holder_kind } },
      'waitlist',
      e.id,
      trx,
    );
    return true;
  }

  /**
   * Gives the waitlist every free place it can use, in line order: each waiting entry, earliest
   * first, is offered the earliest free time it accepts. Run after new places appear.
   */
  async function fill(serviceId: string, trx: AnyTransaction) {
    await wl.lockLine(serviceId, trx);
    let offered = 0;
    for (const e of await wl.waiting(serviceId, trx)) {
      const slot = await wl.earliestFor(e, clock.now(), trx);
      if (slot && (await offerTo(e, slot.id, trx))) offered++;
    }
    return offered;
  }

  /**
   * One place of `slot` was just freed (the caller holds the line lock): the first in line who
   * accepts it gets it held. Returns whether it went to the line.
   */
  async function offerFreed(slot: SlotRow, trx: AnyTransaction) {
    const e = await wl.firstFor(slot, trx);
    return e ? offerTo(e, slot.id, trx) : false;
  }

  /** Ends a held offer and gives its place to the next in line. */
  async function release(
    offer: OfferRow,
    state: 'declined' | 'lapsed' | 'withdrawn',
    trx: AnyTransaction,
  ) {
    const now = clock.now();
    const slot = await repo.slot(offer.slot_id, trx);
    await wl.lockLine(slot!.service_id, trx);
    await wl.endOffer(offer.id, state, now, null, trx);
    if (offer.waitlist_id)
      await wl.endEntry(offer.waitlist_id, state === 'lapsed' ? 'lapsed' : 'left', now, trx);
    await repo.releasePlace(offer.slot_id, trx);
    await d.audit.record(
      {
        actor: system,
        action: `appointments.offer-${state}`,
        subject: { kind: 'application', id: offer.application_id },
        details: { offerId: offer.id, slotId: offer.slot_id },
      },
      trx,
    );
    if (state === 'lapsed') await d.happenings({ kind: 'offer-lapsed', offer, slot: slot! }, trx);
    await offerFreed(slot!, trx);
  }

  /** The holder's held offer, locked; anything else (someone else's, answered) is not found. */
  async function ownHeld(offerId: string, holder: Holder, trx: AnyTransaction) {
    const o = await wl.lockOffer(offerId, trx);
    return o && o.state === 'held' && o.account_id === holder.id && o.holder_kind === holder.kind
      ? o
      : null;
  }

  return {
    fill,
    offerFreed,
    lockLine: wl.lockLine,
    /** Holds `slot` (a place already taken) for an applicant whose visit a branch change moved. */
    holdForRebooking: (
      slot: SlotRow,
      who: { applicationId: string; holder: Holder },
      trx: AnyTransaction,
    ) => hold(slot, who, 'rebooking', null, trx),

    /** Joins the line; a place that already fits is offered at once. */
    async join(input: JoinInput) {
      const entry: WaitlistRow = {
        id: d.ids.uuid(),
        application_id: input.applicationId,
        account_id: input.holder.id,
        holder_kind: input.holder.kind,
        service_id: input.serviceId,
        branches: input.branches,
        from_at: input.fromAt,
        to_at: input.toAt,
        joined_at: clock.now(),
        state: 'waiting',
        ended_at: null,
      };
      return repo.db.transaction().execute(async (trx) => {
        await wl.lockLine(input.serviceId, trx);
        await wl.join(entry, trx);
        await d.audit.record(
          {
            actor: system,
            action: 'appointments.waitlist-joined',
            subject: { kind: 'application', id: input.applicationId },
            details: {
              entryId: entry.id,
              branches: input.branches,
              from: input.fromAt,
              to: input.toAt,
              by: input.holder.id,
            },
          },
          trx,
        );
        await fill(input.serviceId, trx);
        return entry;
      });
    },

    /** Leaves the line (and gives up a held place, which goes to the next). */
    async leave(applicationId: string, holder: Holder) {
      return repo.db.transaction().execute(async (trx) => {
        const e = await wl.openEntry(applicationId, trx);
        if (!e || e.account_id !== holder.id) return false;
        const held = await wl.heldOffer(applicationId, trx);
        const locked = held && (await ownHeld(held.id, holder, trx));
        if (locked) await release(locked, 'declined', trx);
        await wl.endEntry(e.id, 'left', clock.now(), trx);
        await d.audit.record(
          {
            actor: system,
            action: 'appointments.waitlist-left',
            subject: { kind: 'application', id: applicationId },
            details: { entryId: e.id, by: holder.id },
          },
          trx,
        );
        return true;
      });
    },

    /**
     * The application booked on its own: its held offer (if any) goes to the next in line and
     * its place in line ends. Runs in the booking's transaction, before the booking's slot lock.
     */
    async settle(applicationId: string, trx: AnyTransaction) {
      const held = await wl.heldOffer(applicationId, trx);
      if (held) await release((await wl.lockOffer(held.id, trx))!, 'withdrawn', trx);
      const e = await wl.openEntry(applicationId, trx);
      if (e) await wl.endEntry(e.id, 'booked', clock.now(), trx);
    },

    /**
     * The application no longer needs a visit (its case closed): a held place goes to the next
     * in line and its place in line ends. Runs in the caller's transaction.
     */
    async close(applicationId: string, trx: AnyTransaction) {
      const held = await wl.heldOffer(applicationId, trx);
      if (held) await release((await wl.lockOffer(held.id, trx))!, 'withdrawn', trx);
      const e = await wl.openEntry(applicationId, trx);
      if (e) await wl.endEntry(e.id, 'left', clock.now(), trx);
    },

    /** Takes a held place: it becomes the applicant's appointment. */
    async accept(offerId: string, holder: Holder): Promise<OfferAnswer> {
      return repo.db.transaction().execute(async (trx): Promise<OfferAnswer> => {
        const o = await ownHeld(offerId, holder, trx);
        if (!o) return { ok: false, reason: 'not-found' };
        const now = clock.now();
        if (o.held_until <= now) return { ok: false, reason: 'expired' };
        const appointment: AppointmentRow = {
          id: d.ids.uuid(),
          application_id: o.application_id,
          account_id: o.account_id,
          holder_kind: o.holder_kind,
          slot_id: o.slot_id,
          state: 'booked',
          booked_at: now,
          ended_at: null,
          ended_by: null,
        };
        // The place is already counted in the slot: the offer held it.
        await repo.insertAppointment(appointment, trx);
        await wl.endOffer(o.id, 'accepted', now, appointment.id, trx);
        if (o.waitlist_id) await wl.endEntry(o.waitlist_id, 'booked', now, trx);
        const slot = (await repo.slot(o.slot_id, trx))!;
        await d.audit.record(
          {
            actor: system,
            action: 'appointments.offer-accepted',
            subject: { kind: 'application', id: o.application_id },
            details: { offerId: o.id, appointmentId: appointment.id, by: holder.id },
          },
          trx,
        );
        await d.happenings({ kind: 'booked', appointment, slot }, trx);
        return { ok: true, appointment, slot };
      });
    },

    /** Turns a held place down: it goes to the next in line, and the applicant leaves the line. */
    async decline(offerId: string, holder: Holder) {
      return repo.db.transaction().execute(async (trx) => {
        const o = await ownHeld(offerId, holder, trx);
        if (!o) return false;
        await release(o, 'declined', trx);
        return true;
      });
    },

    /** Releases held places whose time ran out to the next in line (the lapse job). */
    async lapse() {
      let n = 0;
      for (;;) {
        const done = await repo.db.transaction().execute(async (trx) => {
          const due = await wl.lapsedOffers(clock.now(), LAPSE_BATCH, trx);
          for (const o of due) await release(o, 'lapsed', trx);
          return due.length;
        });
        n += done;
        if (done < LAPSE_BATCH) return n;
      }
    },

    /** The application's place in line and held offer, for the visit page. */
    async standing(applicationId: string) {
      const entry = await wl.openEntry(applicationId);
      const offer = await wl.heldOffer(applicationId);
      return {
        entry: entry ?? null,
        position: entry?.state === 'waiting' ? await wl.position(entry) : null,
        offer: offer ? { offer, slot: (await repo.slot(offer.slot_id))! } : null,
      };
    },
  };
}

export type WaitlistService = ReturnType<typeof createWaitlistService>;
