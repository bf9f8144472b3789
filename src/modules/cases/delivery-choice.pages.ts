import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fromFieldErrors } from '../../platform/http';
import type { ChoiceProblem, DeliveryChoiceService } from './delivery-choice.service';

const V = 'modules/cases/views';
const applicant = { config: { access: { who: 'applicant' as const } } };
const euro = (cents: number) => (cents / 100).toFixed(2);
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** Which field a refusal belongs to, for the error summary's link. */
const FIELD_OF: Record<ChoiceProblem, string> = {
  'method-required': 'method',
  'branch-required': 'branch',
  'address-required': 'address',
  'courier-not-offered': 'method',
  'courier-paid': 'method',
  'too-late': 'method',
};

/** GET/POST /applications/:id/receive: the holder chooses collection or a courier (issue 4.6). */
export function deliveryChoicePages(service: DeliveryChoiceService) {
  return async (app: FastifyInstance) => {
    const page = async (
      req: FastifyRequest,
      reply: FastifyReply,
      extra: { values?: Record<string, string>; fieldErrors?: Record<string, string> } = {},
    ) => {
      const id = String((req.params as { id: string }).id);
      const v = await service.view(id, req.principal);
      const branches = v.branches.map((b) => ({
        value: b.code,
        text: b.name[req.lang] ?? b.name.lt,
      }));
      const branchName = (code: string | null) =>
        branches.find((b) => b.value === code)?.text ?? null;
      const c = v.choice;
      const order = v.order;
      const current =
        order?.tracking_reference != null
          ? req.t('deliveryChoice.current.sent', { tracking: order.tracking_reference })
          : c?.method === 'courier'
            ? req.t('deliveryChoice.current.courier', { address: c.address ?? '' })
            : c?.branch_code
              ? req.t('deliveryChoice.current.branch', { branch: branchName(c.branch_code) ?? '' })
              : req.t('deliveryChoice.current.default');
      return reply.page(`${V}/receive.njk`, {
        title: req.t('deliveryChoice.title'),
        applicationId: id,
        current,
        editable: v.editable,
        pending:
          v.editable && c?.pending_address && c.courier_fee_cents
            ? { amount: euro(c.courier_fee_cents) }
            : null,
        courier: v.courier && { amount: euro(v.courier.feeCents), uncertain: v.courier.uncertain },
        branches,
        values: extra.values ?? {
          method: c?.pending_address ? 'courier' : c?.method === 'courier' ? 'courier' : 'branch',
          branch: c?.branch_code ?? '',
          address: c?.pending_address ?? c?.address ?? '',
        },
        ...(extra.fieldErrors ? fromFieldErrors(extra.fieldErrors) : {}),
      });
    };

    app.get('/applications/:id/receive', applicant, (req, reply) => page(req, reply));

    app.post('/applications/:id/receive', applicant, async (req, reply) => {
      const id = String((req.params as { id: string }).id);
      const b = (req.body ?? {}) as Record<string, unknown>;
      const values = { method: str(b.method), branch: str(b.branch), address: str(b.address) };
      const refuse = (problem: ChoiceProblem) =>
        page(req, reply.status(problem === 'too-late' || problem === 'courier-paid' ? 409 : 400), {
          values,
          fieldErrors: { [FIELD_OF[problem]]: req.t(`deliveryChoice.problem.${problem}`) },
        });
      if (values.method === 'branch') {
        const problem = await service.chooseBranch(id, req.principal, values.branch);
        if (problem) return refuse(problem);
        req.ensureSession().data.flash = 'deliveryChoice.saved';
        return reply.redirect(`/applications/${id}`);
      }
      if (values.method === 'courier') {
        const r = await service.chooseCourier(id, req.principal, values.address);
        if ('problem' in r) return refuse(r.problem);
        return reply.redirect(r.redirectUrl, 303);
      }
      // Unknown or missing: ask again (the page itself checks the person may see the case).
      return refuse('method-required');
    });
  };
}
