import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors';
import { fromFieldErrors } from '../../platform/http';
import type { CaseRow } from './cases.repository';
import type { DecisionRow } from './decisions.repository';
import { proposalProblems } from './decisions.rules';
import type { DecisionsService } from './decisions.service';
import type { LettersPack } from './letters.loader';
import { caseWorkRoute } from './cases.access';

const V = 'modules/cases/views';
// Only case-working roles reach these pages (the call centre has its own).
const staff = caseWorkRoute;
const signedIn = { config: { access: { who: 'signed-in' as const } } };

const body = (req: FastifyRequest) => (req.body ?? {}) as Record<string, unknown>;
const param = (req: FastifyRequest, name: string) =>
  String((req.params as Record<string, string>)[name] ?? '');
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const list = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(str);

export interface DecisionPagesDeps {
  decisions: DecisionsService;
  pack: LettersPack;
}

/** Workbench pages to propose and to approve or return a decision; portal pages for the letters. */
export function decisionPages(d: DecisionPagesDeps) {
  return async (app: FastifyInstance) => {
    const groundsOf = (req: FastifyRequest, outcome: keyof LettersPack['grounds']) =>
      d.pack.grounds[outcome].map((g) => ({
        value: g.id,
        text: g.name[req.lang],
        hint: g.basis[req.lang],
      }));
    /** A proposal as the approval page shows it (ground names in the reader's language). */
    const shown = (req: FastifyRequest, x: DecisionRow) => ({
      ...x,
      groundTexts: d.pack.grounds[x.outcome]
        .filter((g) => x.grounds.includes(g.id))
        .map((g) => `${g.name[req.lang]} (${g.basis[req.lang]})`),
    });

    const decisionPage = (
      req: FastifyRequest,
      reply: FastifyReply,
      c: CaseRow,
      decisions: DecisionRow[],
      extra: Record<string, unknown> = {},
    ) =>
      reply.page(`${V}/decision.njk`, {
        title: req.t('decisions.propose.title'),
        case: c,
        allowed: c.status === 'in-examination',
        grounds: {
          grant: groundsOf(req, 'grant'),
          refuse: groundsOf(req, 'refuse'),
          terminate: groundsOf(req, 'terminate'),
        },
        returned: decisions.filter((x) => x.state === 'returned').map((x) => shown(req, x)),
        values: { grounds: [] },
        ...extra,
      });

    app.get('/workbench/cases/:id/decision', staff, async (req, reply) => {
      const r = await d.decisions.caseWithDecisions(param(req, 'id'), req.principal);
      return decisionPage(req, reply, r.case, r.decisions);
    });
    app.post('/workbench/cases/:id/decision', staff, async (req, reply) => {
      const b = body(req);
      const outcome = str(b.outcome);
      // Only the grounds of the chosen outcome count (the form lists all three sets).
      const input = { outcome, grounds: list(b[`grounds-${outcome}`]), reasons: str(b.reasons) };
      const problems = proposalProblems(d.pack, input);
      if (Object.keys(problems).length > 0) {
        const r = await d.decisions.caseWithDecisions(param(req, 'id'), req.principal);
        const errors = Object.fromEntries(Object.entries(problems).map(([k, v]) => [k, req.t(v)]));
        return decisionPage(req, reply.status(400), r.case, r.decisions, {
          ...fromFieldErrors(errors, {
            outcome: 'outcome',
            grounds: `grounds-${outcome || 'refuse'}`,
          }),
          values: input,
        });
      }
      const { decided } = await d.decisions.propose(param(req, 'id'), req.principal, input);
      req.ensureSession().data.flash = decided
        ? 'decisions.flash.decided'
        : 'decisions.flash.proposed';
      return reply.redirect(`/workbench/cases/${param(req, 'id')}`);
    });

    const approvalPage = async (
      req: FastifyRequest,
      reply: FastifyReply,
      extra: Record<string, unknown> = {},
    ) => {
      const r = await d.decisions.caseWithDecisions(param(req, 'id'), req.principal);
      return reply.page(`${V}/approval.njk`, {
        title: req.t('decisions.approval.title'),
        case: r.case,
        open: r.open ? shown(req, r.open) : undefined,
        values: {},
        ...extra,
      });
    };
    app.get('/workbench/cases/:id/approval', staff, (req, reply) => approvalPage(req, reply));
    app.post('/workbench/cases/:id/approval', staff, async (req, reply) => {
      const b = body(req);
      const choice = str(b.choice);
      const reason = str(b.reason);
      const errors: Record<string, string> = {};
      if (choice !== 'approve' && choice !== 'return')
        errors.choice = req.t('decisions.errors.choice');
      else if (choice === 'return' && !reason)
        errors.reason = req.t('decisions.errors.returnReason');
      if (Object.keys(errors).length > 0)
        return approvalPage(req, reply.status(400), {
          ...fromFieldErrors(errors),
          values: { choice, reason },
        });
      try {
        if (choice === 'approve') await d.decisions.approve(param(req, 'id'), req.principal);
        else await d.decisions.returnProposal(param(req, 'id'), req.principal, reason);
      } catch (e) {
        // The four-eyes refusal (already audited) is shown on the page; anything else propagates.
        if (!(e instanceof AppError) || e.code !== 'CASE_APPROVAL_REFUSED') throw e;
        const why = req.t(`decisions.refused.${String((e.details as { reason: string }).reason)}`);
        return approvalPage(req, reply.status(403), {
          ...fromFieldErrors({ choice: why }),
          values: { choice, reason },
        });
      }
      req.ensureSession().data.flash =
        choice === 'approve' ? 'decisions.flash.approved' : 'decisions.flash.returned';
      return reply.redirect(`/workbench/cases/${param(req, 'id')}`);
    });

    // --- portal: the applicant's decision letters (its person or filer only; 404 otherwise) ---
    app.get('/applications/:id/letters', signedIn, async (req, reply) => {
      const letters = await d.decisions.lettersOf(param(req, 'id'), req.principal);
      if (!letters) return reply.callNotFound();
      return reply.page(`${V}/letters.njk`, {
        title: req.t('decisions.letters.title'),
        applicationId: param(req, 'id'),
        letters,
      });
    });
    app.get('/applications/:id/letters/:file', signedIn, async (req, reply) => {
      const m = /^([1-9]\d{0,5})\.pdf$/.exec(param(req, 'file'));
      const letter = m
        ? await d.decisions.letter(param(req, 'id'), Number(m[1]), req.principal)
        : undefined;
      if (!letter) return reply.callNotFound();
      return reply
        .header('content-type', 'application/pdf')
        .header(
          'content-disposition',
          `attachment; filename="decision-${letter.seq}-${letter.lang}.pdf"`,
        )
        .header('cache-control', 'no-store')
        .send(letter.content);
    });
  };
}
