import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isAppError } from '../../platform/errors';
import { formErrors, type Principal } from '../../platform/http';
import { LANGUAGES, type Translate } from '../../platform/i18n';
import { joinDateParts } from './applications.core';
import { textIn } from './applications.pages';
import type { CataloguePort } from './applications.ports';
import type { ApplicationRow } from './applications.repository';
import type { FilingService } from './filing.service';

const V = 'modules/applications/views';
const body = (req: FastifyRequest) => (req.body ?? {}) as Record<string, unknown>;
const param = (req: FastifyRequest) => String((req.params as Record<string, string>).id ?? '');
type Applicant = Extract<Principal, { kind: 'applicant' }>;

const InviteeForm = z.object({
  ground: z
    .string('applications.filing.error.groundRequired')
    .min(1, 'applications.filing.error.groundRequired'),
  name: z
    .string('applications.filing.error.nameRequired')
    .trim()
    .min(1, 'applications.filing.error.nameRequired')
    .max(200, 'applications.filing.error.nameTooLong'),
  email: z
    .string('accounts.error.emailRequired')
    .trim()
    .min(1, 'accounts.error.emailRequired')
    .max(254, 'accounts.error.emailInvalid')
    .pipe(z.email('accounts.error.emailInvalid'))
    .transform((e) => e.toLowerCase()),
  lang: z.enum(LANGUAGES, 'applications.filing.error.langRequired'),
});

/**
 * "For myself or for my child?" on the start page of a service that parents may file. Reads the
 * form; the child's age is checked by the service (on the clock), which the caller maps back with
 * `childProblem`.
 */
export function readForWhom(b: Record<string, unknown>, allowed: boolean, t: Translate) {
  const fieldErrors: Record<string, string> = {};
  const values = {
    // A form without the question (an older page, a script) files for oneself, as before.
    forWhom: b.forWhom === undefined ? 'self' : String(b.forWhom),
    childName: String(b.childName ?? ''),
    childBirthDate: {
      day: String(b['childBirthDate-day'] ?? ''),
      month: String(b['childBirthDate-month'] ?? ''),
      year: String(b['childBirthDate-year'] ?? ''),
    },
  };
  if (!allowed) return { fieldErrors, values, draft: {} };
  if (values.forWhom !== 'self' && values.forWhom !== 'child')
    fieldErrors.forWhom = t('applications.forWhom.error.required');
  if (values.forWhom !== 'child') return { fieldErrors, values, draft: {} };
  const name = values.childName.trim();
  if (!name) fieldErrors.childName = t('applications.forWhom.error.nameRequired');
  else if (name.length > 200) fieldErrors.childName = t('applications.filing.error.nameTooLong');
  const birthDate = joinDateParts(
    values.childBirthDate.day,
    values.childBirthDate.month,
    values.childBirthDate.year,
  );
  if (!birthDate) fieldErrors.childBirthDate = t('applications.forWhom.error.dateRequired');
  return {
    fieldErrors,
    values,
    draft: { filedByKind: 'parent' as const, child: { name, birthDate } },
  };
}

/** The field and message for a refusal of the child's details by the service, if it is one. */
export function childProblem(e: unknown, t: Translate): Record<string, string> | undefined {
  if (!isAppError(e)) return undefined;
  if (e.code === 'APPLICATION_NOT_MINOR')
    return { childBirthDate: t('applications.forWhom.error.notMinor') };
  if (e.code === 'APPLICATION_CHILD_INVALID') {
    const reason = (e.details as { reason?: string } | undefined)?.reason;
    return reason === 'name'
      ? { childName: t('applications.forWhom.error.nameRequired') }
      : {
          childBirthDate: t(
            `applications.forWhom.error.${reason === 'not-born' ? 'notBorn' : 'dateInvalid'}`,
          ),
        };
  }
  return undefined;
}

/** Who an application is for, as the lists show it. */
export function forWhomText(row: ApplicationRow, viewerId: string, t: Translate): string {
  if (row.owner_account_id === viewerId) return t('applications.forWhom.you');
  return row.for_person_name ?? t('applications.forWhom.unknown');
}

/**
 * An organisation's pages in the applications module: filing for an invited foreigner, and the
 * list of its invitees. Members of the organisation only; anyone else gets "not found".
 */
export function filingPages(d: { filing: FilingService; catalogue: CataloguePort }) {
  const applicant = { config: { access: { who: 'applicant' as const } } };
  return async (app: FastifyInstance) => {
    const newPage = async (req: FastifyRequest, reply: FastifyReply, extra: object = {}) => {
      const org = await d.filing.organisationOf(param(req), req.principal);
      const services = d.filing.servicesFor(org);
      const q = req.query as Record<string, unknown>;
      const serviceId = String(body(req).service ?? q.service ?? '');
      const chosen = services.find((s) => s.id === serviceId);
      return reply.page(`${V}/file-for-invitee.njk`, {
        title: req.t('applications.filing.title', { organisation: org.name }),
        organisation: org,
        services: services.map((s) => ({ value: s.id, text: textIn(s.name, req.lang) })),
        service: chosen ? { id: chosen.id, name: textIn(chosen.name, req.lang) } : undefined,
        grounds: chosen
          ? d.catalogue
              .grounds(chosen.id)
              .map((g) => ({ value: g.id, text: textIn(g.name, req.lang) }))
          : [],
        languages: LANGUAGES.map((l) => ({
          value: l,
          text: req.t(`applications.filing.lang.${l}`),
        })),
        values: { lang: 'en' },
        ...extra,
      });
    };
    app.get('/organisations/:id/applications/new', applicant, (req, reply) => newPage(req, reply));
    app.post(
      '/organisations/:id/applications',
      {
        config: {
          access: { who: 'applicant' as const },
          // Each filing e-mails someone: a tight limit keeps this from becoming a mail cannon.
          rateLimit: { max: 20, timeWindow: 60_000 },
        },
      },
      async (req, reply) => {
        const org = await d.filing.organisationOf(param(req), req.principal);
        const b = body(req);
        const serviceId = String(b.service ?? '');
        if (!d.filing.servicesFor(org).some((s) => s.id === serviceId)) return reply.callNotFound();
        const values = Object.fromEntries(
          ['ground', 'name', 'email', 'lang'].map((k) => [k, String(b[k] ?? '')]),
        );
        const form = InviteeForm.safeParse(b);
        const groundOk = d.catalogue.grounds(serviceId).some((g) => g.id === values.ground);
        if (!form.success || !groundOk) {
          const errs = form.success
            ? { errors: [], fieldErrors: {} }
            : formErrors(form.error, req.t, { ground: 'ground', lang: 'lang' });
          if (!groundOk && !('ground' in errs.fieldErrors)) {
            const text = req.t('applications.filing.error.groundRequired');
            (errs.fieldErrors as Record<string, string>).ground = text;
            errs.errors.unshift({ text, href: '#ground' });
          }
          return newPage(req, reply.status(400), { values, ...errs });
        }
        const row = await d.filing.fileForInvitee({
          organisationId: org.id,
          by: req.principal as Applicant,
          serviceId,
          groundId: form.data.ground,
          invitee: { name: form.data.name, email: form.data.email, lang: form.data.lang },
        });
        req.ensureSession().data.flash = 'applications.filing.filedFlash';
        return reply.redirect(`/applications/${row.id}`);
      },
    );

    app.get('/organisations/:id/invitees', applicant, async (req, reply) => {
      const { organisation, rows } = await d.filing.invitees(param(req), req.principal);
      return reply.page(`${V}/invitees.njk`, {
        title: req.t('applications.invitees.title', { organisation: organisation.name }),
        organisation,
        invitees: rows.map((r) => ({
          id: r.id,
          name: r.for_person_name ?? '',
          email: r.invitee_email ?? '',
          linked: r.owner_account_id !== null,
          serviceName: textIn(d.catalogue.serviceName(r.service_id), req.lang),
          state: r.state,
          reference: r.reference,
          submittedAt: r.submitted_at,
        })),
      });
    });
  };
}
