/**
 * Walk-ins at the branch desk: visitors without a booking, where the branch allows them
 * (`walkIns` in content/lt/branches.yaml). The officer registers the application's reference
 * number (priority for a vulnerable person, or someone with young children, with the reason as a
 * category only); the queue is served priority first, then by arrival; serving records the visit
 * on the case exactly as a check-in does.
 */
import type { Principal } from '../../platform/http';
import { refusal, refuse, UUID, type DeskCore, type DeskDeps, type Staff } from './desk.core';
import { PRIORITY_REASONS, type DeskVisitRow, type PriorityReason } from './desk.repository';
import { appointmentsErrors } from './errors';

export function createWalkIns(d: DeskDeps, core: DeskCore) {
  const { repo, clock, audit, ports } = d;

  async function walkInOf(id: string, p: Principal) {
    const s = core.staffOf(p);
    const v = UUID.test(id) ? await repo.visit(id) : undefined;
    if (!v || v.kind !== 'walk-in') throw core.notFound();
    const branch = await core.deskOf(s, v.branch_code);
    return { s, v, branch, app: await core.applicationOf(v.application_id, s) };
  }

  /** Whether the application may join the queue: submitted, needs a visit, waits for it, none booked. */
  async function admissible(reference: string, s: Staff) {
    const app = await ports.byReference(reference.trim().toUpperCase(), s);
    if (!app) return refusal('unknown-reference');
    if (app.state !== 'submitted') return refusal('not-submitted');
    if (ports.takes(app.serviceId).length === 0) return refusal('no-visit');
    if (!(await ports.waitsForVisit(app.id))) return refusal('visit-done');
    const booked = await repo.bookedFor(app.id);
    if (booked)
      return {
        ok: false as const,
        reason: 'has-appointment' as const,
        at: booked.starts_at,
        branch: booked.branch_code,
      };
    return { ok: true as const, app };
  }

  const queueAudit = (s: Staff, action: string, applicationId: string, details: object) =>
    ({
      actor: s,
      action,
      subject: { kind: 'application', id: applicationId },
      details: { ...details },
    }) as const;

  return {
    /** Puts a visitor without a booking in the branch's queue (branches that allow walk-ins only). */
    async registerWalkIn(
      p: Principal,
      input: { branch: string; reference: string; priority: boolean; reason: string },
    ) {
      const s = core.staffOf(p);
      const branch = await core.deskOf(s, input.branch);
      if (!branch.walkIns) throw appointmentsErrors.walkInsNotAllowed(branch.code);
      const reason = PRIORITY_REASONS.find((r) => r === input.reason) ?? null;
      if (input.priority && !reason) return refusal('reason-missing');
      const ok = await admissible(input.reference, s);
      if (!ok.ok) return ok;
      return core.attempt(async (trx) => {
        const now = clock.now();
        const visit: DeskVisitRow = {
          id: d.ids.uuid(),
          branch_code: branch.code,
          application_id: ok.app.id,
          appointment_id: null,
          kind: 'walk-in',
          priority: input.priority,
          priority_reason: input.priority ? (reason as PriorityReason) : null,
          arrived_at: now,
          registered_by: s.accountId,
          state: 'waiting',
          ended_at: null,
          served_by: null,
          recorded: [],
        };
        await repo.insertVisit(visit, trx);
        await audit.record(
          queueAudit(s, 'appointments.walk-in-registered', ok.app.id, {
            deskVisitId: visit.id,
            branch: branch.code,
            priority: visit.priority_reason,
          }),
          trx,
        );
        return { visit };
      });
    },

    /** One walk-in for the serve page (a read of personal data: audited). */
    async walkIn(id: string, p: Principal) {
      const { s, v, branch, app } = await walkInOf(id, p);
      await core.readAudit(
        s,
        'appointments.desk-visit-read',
        { kind: 'application', id: app.id },
        {
          deskVisitId: v.id,
        },
      );
      return { v, branch, app, takes: ports.takes(app.serviceId) };
    },

    /** Serves a waiting walk-in: records the visit on the case as a check-in does. */
    async serveWalkIn(id: string, p: Principal, ticked: readonly string[]) {
      const { s, v, app } = await walkInOf(id, p);
      const required = ports.takes(app.serviceId);
      const missing = core.missingOf(required, ticked);
      if (missing.length > 0)
        return { ok: false as const, reason: 'takes-missing' as const, missing };
      return core.attempt(async (trx) => {
        const now = clock.now();
        if ((await repo.lockVisit(v.id, trx))?.state !== 'waiting') throw refuse('not-waiting');
        await repo.endVisit(
          v.id,
          { state: 'served', by: s.accountId, recorded: required },
          now,
          trx,
        );
        const r = await core.record(
          {
            applicationId: app.id,
            staffAccountId: s.accountId,
            branch: v.branch_code,
            deskVisitId: v.id,
            recorded: required,
          },
          trx,
        );
        await audit.record(
          queueAudit(s, 'appointments.walk-in-served', app.id, {
            deskVisitId: v.id,
            recorded: required,
            ...r,
          }),
          trx,
        );
        return {};
      });
    },

    /** A waiting walk-in went away unserved: out of the queue. */
    async walkInLeft(id: string, p: Principal) {
      const { s, v, app } = await walkInOf(id, p);
      return core.attempt(async (trx) => {
        if ((await repo.lockVisit(v.id, trx))?.state !== 'waiting') throw refuse('not-waiting');
        await repo.endVisit(v.id, { state: 'left' }, clock.now(), trx);
        await audit.record(
          queueAudit(s, 'appointments.walk-in-left', app.id, { deskVisitId: v.id }),
          trx,
        );
        return {};
      });
    },
  };
}
