import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import type { Principal } from '../../platform/http';
import { TRIAGE_PATH, adminRoute, overrideRoute, reportRoute, type MayOpenCase } from './access';
import { fairnessReport } from './fairness';
import { fairnessView, overrideReportView, parseReportQuery } from './reports';
import { loadPopulation } from './synthetic';
import { criteriaInForce } from './criteria';
import { vilniusDay, type StaffPrincipal, type TriageService } from './triage.service';

const V = 'modules/triage/views';
/** A reason is kept for good with the log; a page of text is plenty. */
const REASON_MAX = 2000;
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const body = (req: FastifyRequest) => (req.body ?? {}) as Record<string, unknown>;
const idOf = (req: FastifyRequest) => String((req.params as { id?: string }).id ?? '');
const staffOf = (p: Principal) => p as StaffPrincipal;
const notFound = () =>
  new AppError('CASE_NOT_FOUND', 'not_found', 'No such case, or not yours to see');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function reasonProblem(reason: string): string | undefined {
  if (!reason) return 'TRIAGE_REASON_REQUIRED';
  if (reason.length > REASON_MAX) return 'TRIAGE_REASON_TOO_LONG';
  return undefined;
}

/**
 * The triage pages: an officer disregards a case's tier (the form sits in the case panel); an
 * administrator switches triage off and on; team leads and administrators read the override
 * and fairness reports. Plain forms with CSRF tokens; no JavaScript.
 */
export function triagePages(d: { service: TriageService; mayOpen: MayOpenCase; clock: Clock }) {
  const population = loadPopulation();
  return async (app: FastifyInstance) => {
    app.post('/workbench/cases/:id/triage/override', overrideRoute, async (req, reply) => {
      const caseId = idOf(req);
      // A case the officer may not open does not exist for them (404, never 403).
      if (!UUID.test(caseId) || !(await d.mayOpen(caseId, req.principal))) throw notFound();
      const reason = str(body(req).reason);
      const problem = reasonProblem(reason);
      if (problem) {
        return reply.status(400).page(`${V}/override.njk`, {
          title: req.t('triage.override.title'),
          caseId,
          errors: [{ text: req.t(`triage.error.${problem}`), href: '#reason' }],
          fieldErrors: { reason: req.t(`triage.error.${problem}`) },
          values: { reason },
        });
      }
      const run = await d.service.latestFor(caseId);
      if (!run) throw notFound();
      await d.service.override(caseId, staffOf(req.principal), reason);
      req.ensureSession().data.flash = 'triage.override.done';
      return reply.redirect(`/workbench/cases/${encodeURIComponent(caseId)}`);
    });

    const adminPage = async (
      req: FastifyRequest,
      reply: FastifyReply,
      extra: Record<string, unknown> = {},
    ) => {
      const [enabled, history] = await Promise.all([d.service.enabled(), d.service.history(50)]);
      return reply.page(`${V}/admin.njk`, {
        title: req.t('triage.admin.title'),
        enabled,
        history,
        values: { reason: '' },
        ...extra,
      });
    };
    app.get(TRIAGE_PATH, adminRoute, (req, reply) => adminPage(req, reply));
    app.post(TRIAGE_PATH, adminRoute, async (req, reply) => {
      const b = body(req);
      const reason = str(b.reason);
      const to = str(b.enabled);
      const problem = to !== 'on' && to !== 'off' ? 'TRIAGE_SWITCH_INVALID' : reasonProblem(reason);
      if (problem) {
        const href = problem === 'TRIAGE_SWITCH_INVALID' ? '#enabled' : '#reason';
        return adminPage(req, reply.status(400), {
          errors: [{ text: req.t(`triage.error.${problem}`), href }],
          fieldErrors: { [href.slice(1)]: req.t(`triage.error.${problem}`) },
          values: { reason },
        });
      }
      await d.service.switchTo(to === 'on', staffOf(req.principal), reason);
      req.ensureSession().data.flash =
        to === 'on' ? 'triage.admin.switchedOn' : 'triage.admin.switchedOff';
      return reply.redirect(TRIAGE_PATH);
    });

    app.get(`${TRIAGE_PATH}/reports`, reportRoute, async (req, reply) => {
      const q = parseReportQuery(req.query, d.clock.now());
      const tally = await d.service.overrideReport(q.from, q.to);
      return reply.page(`${V}/reports.njk`, {
        title: req.t('triage.reports.title'),
        query: q.values,
        errors: q.errors.map((e) => ({
          text: req.t(`triage.error.${e.code}`),
          href: `#${e.field}`,
        })),
        fieldErrors: Object.fromEntries(
          q.errors.map((e) => [e.field, req.t(`triage.error.${e.code}`)]),
        ),
        overrides: overrideReportView(tally, req.lang),
        fairness: fairnessView(
          fairnessReport({
            size: q.size,
            seed: q.seed,
            population,
            criteria: criteriaInForce(d.service.criteria, vilniusDay(d.clock.now())),
          }),
          population,
          req.lang,
          req.t,
        ),
      });
    });
  };
}
