import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fromFieldErrors } from '../../platform/http';
import { isAppError } from '../../platform/errors';
import { isCitizenDocument, nextStepAfterLoss, vilniusDate } from './holdings.core';
import type { HeldDocumentRow } from './holdings.repository';
import type { HoldingsService, LossReportInput } from './holdings.service';
import type { Clock } from '../../platform/clock';

const V = 'modules/holdings/views';
const applicant = { config: { access: { who: 'applicant' as const } } };
/** A report invalidates a document for good: a bot must not be able to hammer it. */
const guarded = {
  config: { access: { who: 'applicant' as const }, rateLimit: { max: 20, timeWindow: 60_000 } },
};
const body = (req: FastifyRequest) => (req.body ?? {}) as Record<string, unknown>;
const idOf = (req: FastifyRequest) => String((req.params as Record<string, string>).id ?? '');
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** Three GOV.UK date inputs as YYYY-MM-DD, or undefined when they do not make a real day. */
function dayFrom(day: string, month: string, year: string): string | undefined {
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return undefined;
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : undefined;
}

/** Checks the report form; problems come back by field, in the reader's language. */
function readReport(
  req: FastifyRequest,
  today: string,
): { ok: true; input: LossReportInput } | { ok: false; fieldErrors: Record<string, string> } {
  const b = body(req);
  const fieldErrors: Record<string, string> = {};
  const what = str(b.what);
  if (what !== 'lost' && what !== 'stolen') fieldErrors.what = req.t('holdings.error.what');
  const occurredOn = dayFrom(
    str(b['occurred-day']),
    str(b['occurred-month']),
    str(b['occurred-year']),
  );
  if (!occurredOn) fieldErrors.occurred = req.t('holdings.error.date');
  else if (occurredOn > today) fieldErrors.occurred = req.t('holdings.error.dateFuture');
  const place = str(b.place);
  if (!place) fieldErrors.place = req.t('holdings.error.place');
  else if (place.length > 200) fieldErrors.place = req.t('holdings.error.tooLong', { max: 200 });
  const circumstances = str(b.circumstances);
  if (circumstances.length > 1000)
    fieldErrors.circumstances = req.t('holdings.error.tooLong', { max: 1000 });
  if (b.confirm !== 'yes') fieldErrors.confirm = req.t('holdings.error.confirm');
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  return {
    ok: true,
    input: { what: what as 'lost' | 'stolen', occurredOn: occurredOn!, place, circumstances },
  };
}

export function holdingsPages(service: HoldingsService, clock: Clock) {
  return async (app: FastifyInstance) => {
    const today = () => vilniusDate(clock.now());

    app.get('/my-documents', applicant, async (req, reply) => {
      const documents = await service.listForHolder(req.principal);
      return reply.page(`${V}/list.njk`, {
        title: req.t('holdings.list.title'),
        documents,
        reminders: documents.filter(
          (d) => d.renewalOffered && d.notices.length > 0 && !d.renewal_application_id,
        ),
      });
    });

    const reportPage = async (
      req: FastifyRequest,
      reply: FastifyReply,
      document: HeldDocumentRow,
      extra: object = {},
    ) =>
      reply.page(`${V}/report-loss.njk`, {
        title: req.t('holdings.report.title'),
        document,
        ...extra,
      });

    const reportedPage = async (req: FastifyRequest, reply: FastifyReply, id: string) => {
      const { document, report } = await service.getWithReport(id, req.principal);
      return reply.page(`${V}/reported.njk`, {
        title: req.t(report ? 'holdings.reported.title' : 'holdings.reported.invalidTitle'),
        document,
        report,
        next: nextStepAfterLoss(document.kind),
        // Abroad: citizens get a return certificate at an embassy (cat. §2 S13); a lost TRP card
        // can be replaced through the external service provider (FAQ Q24).
        abroadKey: isCitizenDocument(document.kind)
          ? 'holdings.reported.abroadCitizen'
          : document.kind === 'residence-permit'
            ? 'holdings.reported.abroadPermit'
            : undefined,
        justReported: (req.query as Record<string, unknown>).reported === '1',
      });
    };

    app.get('/my-documents/:id/report-loss', applicant, async (req, reply) => {
      const document = await service.getOwn(idOf(req), req.principal);
      // An invalid document cannot be reported again: show what was reported and what next.
      if (document.status !== 'valid') return reportedPage(req, reply, document.id);
      return reportPage(req, reply, document, { values: {} });
    });

    app.post('/my-documents/:id/report-loss', guarded, async (req, reply) => {
      const document = await service.getOwn(idOf(req), req.principal);
      if (document.status !== 'valid')
        return reply.redirect(`/my-documents/${document.id}/report-loss`);
      const read = readReport(req, today());
      if (!read.ok) {
        const b = body(req);
        return reportPage(req, reply.status(400), document, {
          values: {
            what: str(b.what),
            day: str(b['occurred-day']),
            month: str(b['occurred-month']),
            year: str(b['occurred-year']),
            place: str(b.place),
            circumstances: str(b.circumstances),
          },
          ...fromFieldErrors(read.fieldErrors, {
            what: 'what',
            occurred: 'occurred-day',
            confirm: 'confirm',
          }),
        });
      }
      const result = await service.reportLoss(document.id, req.principal, read.input);
      return reply.redirect(
        `/my-documents/${document.id}/report-loss${result.outcome === 'reported' ? '?reported=1' : ''}`,
      );
    });

    app.post(
      '/my-documents/:id/renew',
      {
        config: {
          access: { who: 'applicant' as const },
          rateLimit: { max: 30, timeWindow: 60_000 },
        },
      },
      async (req, reply) => {
        try {
          const { applicationId } = await service.startRenewal(idOf(req), req.principal);
          return reply.redirect(`/applications/${applicationId}`);
        } catch (e) {
          // Not offered (yet, or any more): back to the list, which says why.
          if (isAppError(e) && e.code === 'HELD_DOCUMENT_NOT_RENEWABLE')
            return reply.redirect('/my-documents');
          throw e;
        }
      },
    );
  };
}
