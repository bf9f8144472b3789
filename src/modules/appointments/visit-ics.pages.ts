import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Clock } from '../../platform/clock';
import type { BranchesPack } from './calendar.pack';
import { appointmentsErrors } from './errors';
import { visitCalendar } from './visit.ics';
import { visitPath } from './visit.notices';
import type { VisitService } from './visit.service';

const applicant = { config: { access: { who: 'applicant' as const } } };
const idOf = (req: FastifyRequest) => String((req.params as { id: string }).id);
/** A reference as a file name: letters, digits and hyphens only. */
const fileName = (reference: string) => `visit-${reference.replace(/[^A-Za-z0-9-]/g, '')}.ics`;

/**
 * GET /applications/:id/visit.ics: the booked visit as a calendar file, in the reader's
 * language, for the same people as the visit page (the application's person or filer; anyone
 * else gets the same 404, staff 403, the anonymous the sign-in page). No booked visit: 404.
 */
export function visitIcsPages(d: {
  visits: VisitService;
  pack: BranchesPack;
  clock: Clock;
  publicUrl: string;
}) {
  const domain = new URL(d.publicUrl).hostname;
  return async (app: FastifyInstance) => {
    app.get('/applications/:id/visit.ics', applicant, async (req, reply) => {
      const o = await d.visits.overview(idOf(req), req.principal);
      if (!o.current) throw appointmentsErrors.notFound();
      const { appointment, slot } = o.current;
      const branch = d.pack.branches.find((b) => b.code === slot.branch_code);
      const reference = o.app.reference ?? o.app.id;
      const url = `${d.publicUrl}${visitPath(o.app.id)}`;
      const body = visitCalendar({
        appointmentId: appointment.id,
        startsAt: slot.starts_at,
        minutes: slot.minutes,
        title: req.t('visitNotices.ics.title', { reference }),
        description: req.t('visitNotices.ics.description', { reference, link: url }),
        location: branch ? `${branch.name[req.lang]}, ${branch.address}` : slot.branch_code,
        url,
        domain,
        stamp: d.clock.now(),
      });
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="${fileName(reference)}"`)
        .header('cache-control', 'no-store')
        .send(body);
    });
  };
}
