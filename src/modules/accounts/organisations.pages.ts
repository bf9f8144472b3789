import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { formErrors, fromFieldErrors, type Principal } from '../../platform/http';
import type { OrganisationsService } from './organisations.service';

const V = 'modules/accounts/views';
const body = (req: FastifyRequest) => (req.body ?? {}) as Record<string, unknown>;
const param = (req: FastifyRequest) => String((req.params as Record<string, string>).id ?? '');
type Applicant = Extract<Principal, { kind: 'applicant' }>;

const RegisterForm = z.object({
  code: z
    .string('accounts.organisation.error.code-format')
    .transform((c) => c.replace(/\s+/g, ''))
    .pipe(z.string().regex(/^\d{9}$/, 'accounts.organisation.error.code-format')),
  kind: z.enum(['employer', 'university'], 'accounts.organisation.error.kindRequired'),
});
const MemberForm = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'accounts.error.emailRequired')
    .max(254, 'accounts.error.emailInvalid')
    .pipe(z.email('accounts.error.emailInvalid'))
    .transform((e) => e.toLowerCase()),
});

/**
 * `/organisation`: the organisations a person acts for, and registering a new one (checked in the
 * Register of Legal Entities); `/organisations/:id`: its details and members, where an
 * administrator adds colleagues. Members only: anyone else gets "not found".
 */
export function organisationPages(service: OrganisationsService, formsPerMinute: number) {
  const applicant = { config: { access: { who: 'applicant' as const } } };
  const limited = {
    config: {
      access: { who: 'applicant' as const },
      rateLimit: { max: formsPerMinute, timeWindow: 60_000 },
    },
  };
  return async (app: FastifyInstance) => {
    const hub = async (req: FastifyRequest, reply: FastifyReply, extra: object = {}) => {
      const p = req.principal as Applicant;
      return reply.page(`${V}/organisations.njk`, {
        title: req.t('accounts.organisation.hubTitle'),
        memberships: await service.membershipsOf(p.accountId),
        values: { kind: '' },
        ...extra,
      });
    };
    app.get('/organisation', applicant, (req, reply) => hub(req, reply));
    app.post('/organisation', limited, async (req, reply) => {
      const values = { code: String(body(req).code ?? ''), kind: String(body(req).kind ?? '') };
      const form = RegisterForm.safeParse(body(req));
      if (!form.success)
        return hub(req, reply.status(400), {
          values,
          ...formErrors(form.error, req.t, { kind: 'kind' }),
        });
      const outcome = await service.register(form.data, req.principal as Applicant);
      if (!outcome.ok)
        return hub(req, reply.status(400), {
          values,
          ...fromFieldErrors({ code: req.t(`accounts.organisation.error.${outcome.reason}`) }),
        });
      req.ensureSession().data.flash = 'accounts.organisation.registeredFlash';
      return reply.redirect(`/organisations/${outcome.organisation.id}`);
    });

    const page = async (req: FastifyRequest, reply: FastifyReply, extra: object = {}) => {
      const org = await service.getForMember(param(req), req.principal);
      return reply.page(`${V}/organisation.njk`, {
        title: org.name,
        organisation: org,
        members: await service.members(org.id, req.principal),
        values: {},
        ...extra,
      });
    };
    app.get('/organisations/:id', applicant, (req, reply) => page(req, reply));
    app.post('/organisations/:id/members', limited, async (req, reply) => {
      const org = await service.getForMember(param(req), req.principal);
      if (org.role !== 'admin') return reply.callNotFound();
      const values = { email: String(body(req).email ?? '') };
      const form = MemberForm.safeParse(body(req));
      if (!form.success)
        return page(req, reply.status(400), { values, ...formErrors(form.error, req.t) });
      const outcome = await service.addMember(org.id, req.principal, form.data.email);
      if (!outcome.ok)
        return page(req, reply.status(400), {
          values,
          ...fromFieldErrors({ email: req.t(`accounts.organisation.error.${outcome.reason}`) }),
        });
      req.ensureSession().data.flash = 'accounts.organisation.memberAddedFlash';
      return reply.redirect(`/organisations/${org.id}`);
    });
  };
}
