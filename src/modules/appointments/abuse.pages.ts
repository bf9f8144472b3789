import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuditModule } from '../audit';
import type { AbuseReportRow } from './abuse.repository';
import type { AbuseService } from './abuse.service';
import { appointmentsErrors } from './errors';

const V = 'modules/appointments/views';
export const BOOKING_REPORTS_PATH = '/workbench/booking-reports';
/** Administrators only: other staff get 403, applicants 403, anonymous callers "sign in". */
export const BOOKING_REPORTS_ROLES = ['administrator'] as const;
const administrators = {
  config: { access: { who: 'staff' as const, roles: BOOKING_REPORTS_ROLES } },
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A report as the page shows it: what was seen, in the administrator's language. */
function viewOf(req: FastifyRequest, r: AbuseReportRow) {
  const d = r.details;
  const bySource = r.kind === 'many-accounts-one-source';
  const actions = (d.actions ?? {}) as Record<string, number>;
  return {
    id: r.id,
    kind: req.t(`bookingReports.kind.${r.kind}`),
    // A source is a keyed hash: its start is enough to tell reports of one source apart.
    subject: bySource
      ? req.t('bookingReports.subject.source', { source: r.subject.slice(0, 12) })
      : req.t('bookingReports.subject.account', { id: r.subject }),
    seen: req.t(`bookingReports.seen.${r.kind}`, { count: r.count, hours: r.window_hours }),
    firstSeen: r.first_seen_at,
    lastSeen: r.last_seen_at,
    opened: r.opened_at,
    accounts: bySource && Array.isArray(d.accounts) ? (d.accounts as string[]) : [],
    facts: bySource
      ? [
          req.t('bookingReports.facts.booked', { count: actions.booked ?? 0 }),
          req.t('bookingReports.facts.moved', { count: actions.moved ?? 0 }),
          req.t('bookingReports.facts.waitlistJoined', { count: actions['waitlist-joined'] ?? 0 }),
        ]
      : [
          req.t('bookingReports.facts.bookings', { count: Number(d.bookings ?? 0) }),
          req.t('bookingReports.facts.cancellations', { count: Number(d.cancellations ?? 0) }),
          req.t('bookingReports.facts.sources', { count: Number(d.sources ?? 0) }),
        ],
  };
}

/**
 * GET /workbench/booking-reports: the open reports of unusual booking patterns, for
 * administrators; POST …/:id/acknowledge marks one as seen. Plain forms, no JavaScript.
 */
export function abusePages(d: { abuse: AbuseService; audit: AuditModule }) {
  return async (app: FastifyInstance) => {
    app.get(BOOKING_REPORTS_PATH, administrators, async (req, reply) => {
      const rows = await d.abuse.openReports();
      // Account ids and address hashes are pseudonymous personal data: the read is audited.
      await d.audit.recordRead({
        actor: req.principal,
        subject: { kind: 'booking-reports', id: 'open' },
        purpose: 'booking-abuse-review',
        fields: ['subject', 'details'],
        ip: req.ip,
      });
      return reply.page(`${V}/booking-reports.njk`, {
        title: req.t('bookingReports.title'),
        reports: rows.map((r) => viewOf(req, r)),
      });
    });

    app.post(`${BOOKING_REPORTS_PATH}/:id/acknowledge`, administrators, async (req, reply) => {
      const id = String((req.params as { id: string }).id);
      const done = UUID.test(id) ? await d.abuse.acknowledge(id, req.principal) : 'not-found';
      if (done === 'not-found') throw appointmentsErrors.reportNotFound();
      req.ensureSession().data.flash = `bookingReports.flash.${done}`;
      return reply.redirect(BOOKING_REPORTS_PATH);
    });
  };
}
