/**
 * The branch desk (issue 5): the day's booked visits of a branch by desk and time, checking a
 * visitor in (which records the visit on the application's case: biometrics taken, originals
 * seen, as the catalogue asks), marking a visitor who did not come, and the walk-in queue
 * (desk.walk-ins.ts). Each change commits with its case actions and audit entry, or not at all;
 * every read of the day list is audited with the applications it showed.
 */
import type { Principal } from '../../platform/http';
import { addCalendarDays, localDate } from '../catalogue';
import { vilniusInstant } from './calendar';
import { createDeskCore, refuse, refusal, UUID, type DeskDeps } from './desk.core';
import { desksOf } from './desk.day';
import type { DeskVisitRow } from './desk.repository';
import { createWalkIns } from './desk.walk-ins';

export type { DeskApplication, DeskDeps, DeskPorts, DeskRefusal, RecordedVisit } from './desk.core';

/** A real calendar day (2027-02-30 is not one: it would read as 2 March). */
const isDay = (s: string) => {
  const at = Date.parse(`${s}T12:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(at) && localDate(new Date(at)) === s;
};

export function createDeskService(d: DeskDeps) {
  const { repo, clock, audit, ports } = d;
  const core = createDeskCore(d);

  async function appointmentOf(id: string, p: Principal) {
    const s = core.staffOf(p);
    const a = UUID.test(id) ? await repo.appointment(id) : undefined;
    if (!a) throw core.notFound();
    const branch = await core.deskOf(s, a.branch_code);
    return { s, a, branch, app: await core.applicationOf(a.application_id, s) };
  }

  return {
    today: core.today,
    /** The Vilnius day of an instant (YYYY-MM-DD). */
    dayOf: (at: Date) => localDate(at),
    branches: () => d.pack.branches,
    /** Where an appointment or desk visit belongs (branch and day), for going back after a change. */
    async placeOf(id: string) {
      if (!UUID.test(id)) return undefined;
      const a = await repo.appointment(id);
      if (a) return { branch: a.branch_code, day: localDate(a.starts_at) };
      const v = await repo.visit(id);
      return v && { branch: v.branch_code, day: localDate(v.arrived_at) };
    },
    ...createWalkIns(d, core),

    /**
     * The day list of a branch (the staff member's own by default; head office staff: the first
     * branch): appointments by desk and time, and the walk-ins, waiting ones first.
     */
    async day(p: Principal, q: { branch?: string; day?: string }) {
      const s = core.staffOf(p);
      const own = await ports.branchOf(s);
      const branch = await core.deskOf(s, q.branch || own || d.pack.branches[0]!.code);
      const day = q.day && isDay(q.day) ? q.day : core.today();
      const from = vilniusInstant(day, '00:00');
      const to = vilniusInstant(addCalendarDays(day, 1), '00:00');
      const [rows, walkIns] = await Promise.all([
        repo.day(branch.code, from, to),
        repo.walkIns(branch.code, from, to),
      ]);
      const ids = [...new Set([...rows, ...walkIns].map((r) => r.application_id))];
      const apps = await ports.applications(ids, s);
      await core.readAudit(
        s,
        'appointments.desk-day-read',
        { kind: 'branch', id: branch.code },
        {
          day,
          applicationIds: ids,
        },
      );
      return {
        branch,
        day,
        isToday: day === core.today(),
        headOffice: own === null,
        desks: desksOf(rows),
        waiting: walkIns.filter((v) => v.state === 'waiting'),
        done: walkIns.filter((v) => v.state !== 'waiting'),
        apps,
      };
    },

    /** One appointment for the check-in page: what to tick, whether check-in or no-show apply. */
    async appointment(id: string, p: Principal) {
      const { s, a, branch, app } = await appointmentOf(id, p);
      await core.readAudit(
        s,
        'appointments.desk-visit-read',
        { kind: 'application', id: app.id },
        {
          appointmentId: a.id,
        },
      );
      const now = clock.now();
      return {
        a,
        branch,
        app,
        takes: ports.takes(a.service_id),
        onItsDay: localDate(a.starts_at) === localDate(now),
        started: a.starts_at <= now,
      };
    },

    /** Checks a booked visitor in, on the visit's day, with every tick the catalogue asks for. */
    async checkIn(id: string, p: Principal, ticked: readonly string[]) {
      const { s, a, app } = await appointmentOf(id, p);
      const required = ports.takes(a.service_id);
      if (required.length === 0) return refusal('no-visit');
      const missing = core.missingOf(required, ticked);
      if (missing.length > 0)
        return { ok: false as const, reason: 'takes-missing' as const, missing };
      return core.attempt(async (trx) => {
        const now = clock.now();
        if ((await repo.lockAppointment(a.id, trx))?.state !== 'booked') throw refuse('not-booked');
        if (localDate(a.starts_at) !== localDate(now)) throw refuse('not-today');
        const visit: DeskVisitRow = {
          id: d.ids.uuid(),
          branch_code: a.branch_code,
          application_id: app.id,
          appointment_id: a.id,
          kind: 'appointment',
          priority: false,
          priority_reason: null,
          arrived_at: now,
          registered_by: s.accountId,
          state: 'served',
          ended_at: now,
          served_by: s.accountId,
          recorded: [...required],
        };
        await repo.endAppointment(a.id, 'checked-in', now, `staff:${s.accountId}`, trx);
        await repo.insertVisit(visit, trx);
        const r = await core.record(
          {
            applicationId: app.id,
            staffAccountId: s.accountId,
            branch: a.branch_code,
            deskVisitId: visit.id,
            recorded: visit.recorded,
          },
          trx,
        );
        await audit.record(
          {
            actor: s,
            action: 'appointments.checked-in',
            subject: { kind: 'application', id: app.id },
            details: { appointmentId: a.id, deskVisitId: visit.id, recorded: visit.recorded, ...r },
          },
          trx,
        );
        return { visit };
      });
    },

    /** Marks a booked visitor who did not come; only once the visit's time has begun. */
    async noShow(id: string, p: Principal) {
      const { s, a, app } = await appointmentOf(id, p);
      return core.attempt(async (trx) => {
        const now = clock.now();
        if ((await repo.lockAppointment(a.id, trx))?.state !== 'booked') throw refuse('not-booked');
        if (a.starts_at > now) throw refuse('too-early');
        await repo.endAppointment(a.id, 'no-show', now, `staff:${s.accountId}`, trx);
        await audit.record(
          {
            actor: s,
            action: 'appointments.no-show',
            subject: { kind: 'application', id: app.id },
            details: { appointmentId: a.id },
          },
          trx,
        );
        return {};
      });
    },
  };
}

export type DeskService = ReturnType<typeof createDeskService>;
