import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fromFieldErrors, type Principal } from '../../platform/http';
import type { Language } from '../../platform/i18n';
import { isIsoDay } from './contact-centre.keys';
import type { ContactCentreCase } from './contact-centre.repository';
import {
  CONTACT_CENTRE_ROLES,
  CONTACT_CHANNELS,
  MAX_RESULTS,
  SUMMARY_MAX,
  type ContactCentreQuery,
  type ContactCentreService,
  type ContactChannel,
} from './contact-centre.service';

const V = 'modules/cases/views';
/** Route guard: wrong role → 403 (the page is not theirs); an unknown reference → 404. */
const agents = { config: { access: { who: 'staff' as const, roles: CONTACT_CENTRE_ROLES } } };
const BASE = '/workbench/contact-centre';
const BY = ['reference', 'name', 'document'] as const;

export interface ContactCentrePagesDeps {
  service: ContactCentreService;
  serviceName(serviceId: string, lang: Language): string;
  /** Stores and e-mails a message; false when the application has no account to write to. */
  sendMessage(c: ContactCentreCase, p: Principal, text: string): Promise<boolean>;
}

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const field = (req: FastifyRequest, name: string) =>
  str(((req.body ?? req.query ?? {}) as Record<string, unknown>)[name]);
const param = (req: FastifyRequest) =>
  String((req.params as Record<string, string>).reference ?? '');
const two = (s: string) => s.padStart(2, '0');

export function contactCentrePages(d: ContactCentrePagesDeps) {
  return async (app: FastifyInstance) => {
    // --- search: a GET form, so a result list can be bookmarked or refreshed ---
    app.get(BASE, agents, async (req, reply) => {
      const q = (req.query ?? {}) as Record<string, unknown>;
      const by = BY.find((b) => b === str(q.by));
      const values = {
        by: by ?? 'reference',
        reference: str(q.reference),
        name: str(q.name),
        day: str(q['birthDate-day']),
        month: str(q['birthDate-month']),
        year: str(q['birthDate-year']),
        documentNumber: str(q.documentNumber),
      };
      const page = (extra: object) =>
        reply.page(`${V}/contact-centre-search.njk`, {
          title: req.t('contactCentre.search.title'),
          values,
          maxResults: MAX_RESULTS,
          ...extra,
        });
      if (!by) return page({});
      const errors: Record<string, string> = {};
      let query: ContactCentreQuery | undefined;
      if (by === 'reference') {
        if (values.reference) query = { reference: values.reference };
        else errors.reference = req.t('contactCentre.error.reference');
      } else if (by === 'document') {
        if (values.documentNumber) query = { documentNumber: values.documentNumber };
        else errors.documentNumber = req.t('contactCentre.error.documentNumber');
      } else {
        const birthDate = `${values.year}-${two(values.month)}-${two(values.day)}`;
        if (!values.name) errors.name = req.t('contactCentre.error.name');
        if (!isIsoDay(birthDate) || Number.isNaN(Date.parse(birthDate)))
          errors.birthDate = req.t('contactCentre.error.birthDate');
        else if (values.name) query = { name: values.name, birthDate };
      }
      if (!query) {
        reply.status(400);
        return page(fromFieldErrors(errors, { birthDate: 'birthDate-day' }));
      }
      const results = await d.service.search(query, req.principal);
      return page({
        searched: true,
        results: results.map((r) => ({ ...r, service: d.serviceName(r.serviceId, req.lang) })),
      });
    });

    // --- one application: status, deadline, timeline, contact log, forms ---
    const applicationPage = async (
      req: FastifyRequest,
      reply: FastifyReply,
      extra: Record<string, unknown> = {},
    ) => {
      const v = await d.service.view(param(req), req.principal);
      return reply.page(`${V}/contact-centre-application.njk`, {
        title: req.t('contactCentre.application.title', { reference: v.case.reference ?? '' }),
        case: { ...v.case, service: d.serviceName(v.case.serviceId, req.lang) },
        timeline: v.timeline,
        log: v.log,
        channels: CONTACT_CHANNELS,
        summaryMax: SUMMARY_MAX,
        values: {},
        ...extra,
      });
    };
    const here = (c: ContactCentreCase) =>
      `${BASE}/applications/${encodeURIComponent(c.reference ?? '')}`;

    app.get(`${BASE}/applications/:reference`, agents, (req, reply) => applicationPage(req, reply));

    app.post(`${BASE}/applications/:reference/contacts`, agents, async (req, reply) => {
      const c = await d.service.byReference(param(req), req.principal);
      const channel = CONTACT_CHANNELS.find((x) => x === field(req, 'channel'));
      const summary = field(req, 'summary');
      const errors: Record<string, string> = {};
      if (!channel) errors.channel = req.t('contactCentre.error.channel');
      if (!summary) errors.summary = req.t('contactCentre.error.summary');
      else if (summary.length > SUMMARY_MAX)
        errors.summary = req.t('contactCentre.error.tooLong', { max: SUMMARY_MAX });
      if (!channel || Object.keys(errors).length > 0) {
        reply.status(400);
        return applicationPage(req, reply, {
          ...fromFieldErrors(errors, { channel: 'channel' }),
          values: { channel, summary },
        });
      }
      await d.service.logContact(c, req.principal, channel as ContactChannel, summary);
      req.ensureSession().data.flash = 'contactCentre.application.logged';
      return reply.redirect(here(c));
    });

    app.post(`${BASE}/applications/:reference/messages`, agents, async (req, reply) => {
      const c = await d.service.byReference(param(req), req.principal);
      const message = field(req, 'message');
      const problem = !message
        ? req.t('contactCentre.error.message')
        : message.length > SUMMARY_MAX
          ? req.t('contactCentre.error.tooLong', { max: SUMMARY_MAX })
          : undefined;
      if (problem || !(await d.sendMessage(c, req.principal, message))) {
        reply.status(problem ? 400 : 409);
        return applicationPage(req, reply, {
          ...fromFieldErrors({ message: problem ?? req.t('contactCentre.error.noRecipient') }),
          values: { message },
        });
      }
      req.ensureSession().data.flash = 'contactCentre.application.sent';
      return reply.redirect(here(c));
    });
  };
}
