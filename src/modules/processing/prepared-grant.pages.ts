import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isAppError } from '../../platform/errors';
import { fromFieldErrors } from '../../platform/http';
import type { Language } from '../../platform/i18n';
import type { PreparedGrants } from './prepared-grant.service';

/** Who works on cases: the same roles as the decision page. */
export const PREPARED_GRANT_ROLES = ['officer', 'team-lead'];
const caseStaff = { config: { access: { who: 'staff' as const, roles: PREPARED_GRANT_ROLES } } };
const MAX_REASONS = 8000;

const param = (req: FastifyRequest) => String((req.params as Record<string, string>)['id'] ?? '');
const reasonsOf = (req: FastifyRequest) => {
  const v = ((req.body ?? {}) as Record<string, unknown>)['reasons'];
  return typeof v === 'string' ? v.trim() : '';
};

export interface PreparedGrantPagesDeps {
  grants: PreparedGrants;
  /** A grant ground's name and legal basis in a language (letters pack, adapted in src/app). */
  groundText(id: string, lang: Language): string;
}

/** GET: the pre-filled grant (click one, from the case page); POST: "Grant" (click two). */
export function preparedGrantPages(d: PreparedGrantPagesDeps) {
  return async (app: FastifyInstance) => {
    const show = async (
      req: FastifyRequest,
      reply: FastifyReply,
      extra: Record<string, unknown> = {},
    ) => {
      const id = param(req);
      const { proposal, stale } = await d.grants.view(id, req.principal);
      return reply.page('modules/processing/views/prepared-grant.njk', {
        title: req.t('processing.grant.title'),
        caseId: id,
        proposal,
        stale,
        grounds: proposal.grounds.map((g) => d.groundText(g, req.lang)),
        values: { reasons: proposal.reasons },
        ...extra,
      });
    };

    app.get('/workbench/cases/:id/prepared-grant', caseStaff, (req, reply) => show(req, reply));

    app.post('/workbench/cases/:id/prepared-grant', caseStaff, async (req, reply) => {
      const reasons = reasonsOf(req);
      if (!reasons || reasons.length > MAX_REASONS) {
        const text = req.t(reasons ? 'processing.grant.reasonsLong' : 'processing.grant.reasons');
        return show(req, reply.status(400), {
          ...fromFieldErrors({ reasons: text }),
          values: { reasons },
        });
      }
      let result;
      try {
        result = await d.grants.grant(param(req), req.principal, reasons);
      } catch (e) {
        // The case moved on between the page and the click (another officer, a request).
        if (isAppError(e) && e.code === 'CASE_ACTION_NOT_ALLOWED')
          return show(req, reply.status(409), { stale: 'changed' });
        throw e;
      }
      if (!result.ok) return show(req, reply.status(409), { stale: result.stale });
      req.ensureSession().data.flash = result.decided
        ? 'decisions.flash.decided'
        : 'decisions.flash.proposed';
      return reply.redirect(`/workbench/cases/${param(req)}`);
    });
  };
}
