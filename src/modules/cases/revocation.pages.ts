import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fromFieldErrors } from '../../platform/http';
import type { CaseRow } from './cases.repository';
import { revocationProblems } from './decisions.rules';
import type { DecisionsService } from './decisions.service';
import type { LettersPack } from './letters.loader';
import { caseWorkRoute } from './cases.access';

const V = 'modules/cases/views';
// Only case-working roles reach these pages (the call centre has its own).
const staff = caseWorkRoute;
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const list = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(str);
const idOf = (req: FastifyRequest) => String((req.params as { id: string }).id);

/**
 * GET/POST /workbench/cases/:id/revocation: an officer proposes revoking an issued permit with
 * grounds from the pack and reasons; a second officer approves or returns it on the approval
 * page, as for a refusal (four eyes).
 */
export function revocationPages(d: { decisions: DecisionsService; pack: LettersPack }) {
  return async (app: FastifyInstance) => {
    const page = (
      req: FastifyRequest,
      reply: FastifyReply,
      c: CaseRow,
      extra: Record<string, unknown> = {},
    ) =>
      reply.page(`${V}/revocation.njk`, {
        title: req.t('revocations.title'),
        case: c,
        allowed: c.status === 'issued',
        grounds: d.pack.grounds.revoke.map((g) => ({
          value: g.id,
          text: g.name[req.lang],
          hint: g.basis[req.lang],
        })),
        values: { grounds: [] },
        ...extra,
      });

    app.get('/workbench/cases/:id/revocation', staff, async (req, reply) => {
      const r = await d.decisions.caseWithDecisions(idOf(req), req.principal);
      return page(req, reply, r.case);
    });
    app.post('/workbench/cases/:id/revocation', staff, async (req, reply) => {
      const b = (req.body ?? {}) as Record<string, unknown>;
      const input = { grounds: list(b.grounds), reasons: str(b.reasons) };
      const problems = revocationProblems(d.pack, input);
      if (Object.keys(problems).length > 0) {
        const r = await d.decisions.caseWithDecisions(idOf(req), req.principal);
        const errors = Object.fromEntries(Object.entries(problems).map(([k, v]) => [k, req.t(v)]));
        return page(req, reply.status(400), r.case, {
          ...fromFieldErrors(errors, { grounds: 'grounds' }),
          values: input,
        });
      }
      await d.decisions.proposeRevocation(idOf(req), req.principal, input);
      req.ensureSession().data.flash = 'revocations.proposed';
      return reply.redirect(`/workbench/cases/${idOf(req)}`);
    });
  };
}
