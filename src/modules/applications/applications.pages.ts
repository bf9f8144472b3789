import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../../platform/clock';
import { isAppError } from '../../platform/errors';
import { fromFieldErrors, uploadedFile, type Principal } from '../../platform/http';
import type { Language } from '../../platform/i18n';
import { labelledPdf } from '../../platform/pdf';
import { joinDateParts, type Missing } from './applications.core';
import type {
  CataloguePort,
  DocumentsPort,
  PaymentsPort,
  PreSubmissionChecks,
  Question,
  Texts,
  TravelDocumentPort,
} from './applications.ports';
import { checkTravelDocument, MRZ_ANSWER } from './travel-document';
import { orderingSummary, orderingTasks } from './ordering.pages';
import { urgencyOf } from './ordering.service';
import type { ApplicationRow } from './applications.repository';
import type { ApplicationsService } from './applications.service';
import { childProblem, forWhomText, readForWhom } from './filing.pages';
import type { FilingPort } from './filing.ports';
import { actorText } from './filing.view';

const V = 'modules/applications/views';
const signedIn = { config: { access: { who: 'signed-in' as const } } };
const applicant = { config: { access: { who: 'applicant' as const } } };
const body = (req: FastifyRequest) => (req.body ?? {}) as Record<string, unknown>;
const param = (req: FastifyRequest, name: string) =>
  String((req.params as Record<string, string>)[name] ?? '');

export const textIn = (texts: Texts | undefined, lang: Language): string =>
  texts ? (texts[lang] ?? texts.lt) : '';

export interface PagesDeps {
  /** Business time (the travel document's required validity is counted from today). */
  clock: Clock;
  travelDocuments: TravelDocumentPort;
  service: ApplicationsService;
  catalogue: CataloguePort;
  documents: DocumentsPort;
  payments: PaymentsPort;
  publicUrl: string;
  /** Filing for others: who may file a service, organisation names (optional in narrow tests). */
  filing?: Pick<FilingPort, 'applicantsOf' | 'organisationName'>;
  /** "Checks before you submit" on the check page (rules module, src/app); absent: not shown. */
  checksBeforeSubmission?: PreSubmissionChecks | undefined;
  /** Notices from other modules for the application's page: message keys and a link. */
  notices?:
    | ((
        applicationId: string,
        p: Principal,
      ) => Promise<{ textKey: string; linkKey: string; href: string }[]>)
    | undefined;
  /** Panels other modules add to a submitted application's page (automated checks, estimate). */
  applicantPanels?: ApplicantPanels | undefined;
}

/**
 * Panels for a submitted application's page: the partials to include and the values they read
 * (src/app/applicant-panels.wiring.ts); null when there is nothing to show.
 */
export type ApplicantPanels = (
  applicationId: string,
  p: Principal,
  req: FastifyRequest,
) => Promise<{ templates: string[]; model: Record<string, unknown> } | null>;

/** Where each missing item is fixed, for the task list and the check page. */
function hrefFor(row: ApplicationRow, m: Missing): string {
  switch (m.kind) {
    case 'ground':
      return `/applications/new?service=${row.service_id}`;
    case 'answer':
      return `/applications/${row.id}/questions/${m.questionId}`;
    case 'document':
      return `/applications/${row.id}/documents`;
    case 'fee':
      return `/applications/${row.id}/fee`;
    case 'exemption':
    case 'delivery':
      return `/applications/${row.id}/${m.kind}`;
    case 'declaration':
      return `/applications/${row.id}/check`;
  }
}

export function applicationPages(d: PagesDeps) {
  const { service, catalogue } = d;
  return async (app: FastifyInstance) => {
    const tx = (req: FastifyRequest) => (texts: Texts | undefined) => textIn(texts, req.lang);
    const render = (reply: FastifyReply, view: string, data: Record<string, unknown>) =>
      reply.page(`${V}/${view}.njk`, { tx: tx(reply.request), ...data });
    const parentMayFile = (serviceId: string) =>
      Boolean(d.filing?.applicantsOf(serviceId).includes('parent-for-minor'));
    const organisationName = async (row: ApplicationRow) =>
      row.filed_by_organisation_id
        ? await d.filing?.organisationName(row.filed_by_organisation_id)
        : undefined;
    /** Only levels the catalogue lists for the ground are offered (urgency page: ordering.pages.ts). */
    const urgentOffered = (serviceId: string, ground: string) =>
      catalogue.ordering
        .urgencyLevels(serviceId, ground, service.ordering.today())
        .some((l) => l.id === 'urgent');
    const questionsOf = (row: ApplicationRow) =>
      row.ground_id ? catalogue.visibleQuestions(row.service_id, row.ground_id, row.answers) : [];

    app.get('/applications', applicant, async (req, reply) => {
      const p = req.principal as Extract<Principal, { kind: 'applicant' }>;
      const rows = await service.listForAccount(p.accountId);
      return render(reply, 'list', {
        title: req.t('applications.list.title'),
        applications: await Promise.all(
          rows.map(async (r) => ({
            ...r,
            serviceName: textIn(catalogue.serviceName(r.service_id), req.lang),
            forWhom: forWhomText(r, p.accountId, req.t),
            filedBy: await organisationName(r),
          })),
        ),
      });
    });

    // --- starting: choose the ground and urgency, then a draft is made (POST, never on a GET) ---
    const startPage = (
      req: FastifyRequest,
      reply: FastifyReply,
      serviceId: string,
      extra: object = {},
    ) => {
      const name = catalogue.serviceName(serviceId);
      if (!name) return reply.callNotFound();
      return render(reply, 'start', {
        title: req.t('applications.start.title', { service: textIn(name, req.lang) }),
        serviceId,
        grounds: catalogue
          .grounds(serviceId)
          .map((g) => ({ value: g.id, text: textIn(g.name, req.lang) })),
        forWhom: parentMayFile(serviceId),
        ...extra,
      });
    };
    app.get('/applications/new', applicant, (req, reply) => {
      const q = req.query as Record<string, unknown>;
      return startPage(req, reply, String(q.service ?? ''), {
        values: { ground: String(q.ground ?? ''), urgent: 'no', forWhom: 'self' },
      });
    });
    app.post(
      '/applications',
      {
        config: {
          access: { who: 'applicant' as const },
          rateLimit: { max: 30, timeWindow: 60_000 },
        },
      },
      async (req, reply) => {
        const b = body(req);
        const serviceId = String(b.service ?? '');
        const ground = String(b.ground ?? '');
        const urgent = b.urgent === 'yes';
        const fieldErrors: Record<string, string> = {};
        if (!catalogue.grounds(serviceId).some((g) => g.id === ground))
          fieldErrors.ground = req.t('applications.error.groundRequired');
        if (b.urgent !== 'yes' && b.urgent !== 'no')
          fieldErrors.urgent = req.t('applications.error.urgentRequired');
        else if (urgent && !fieldErrors.ground && !urgentOffered(serviceId, ground))
          fieldErrors.urgent = req.t('ordering.problem.urgency.not-offered');
        const forWhom = readForWhom(b, parentMayFile(serviceId), req.t);
        Object.assign(fieldErrors, forWhom.fieldErrors);
        const again = (errors: Record<string, string>) =>
          startPage(req, reply.status(400), serviceId, {
            values: { ground, urgent: b.urgent, ...forWhom.values },
            ...fromFieldErrors(errors, {
              childBirthDate: 'childBirthDate-day',
              forWhom: 'forWhom',
            }),
          });
        if (Object.keys(fieldErrors).length > 0) return again(fieldErrors);
        let row: ApplicationRow;
        try {
          row = await service.startDraft({
            serviceId,
            groundId: ground,
            urgent,
            by: req.principal,
            ...forWhom.draft,
          });
        } catch (e) {
          const problem = childProblem(e, req.t);
          if (problem) return again(problem);
          throw e;
        }
        return reply.redirect(`/applications/${row.id}`);
      },
    );

    // --- the overview: a task list while a draft, the timeline once submitted ---
    app.get('/applications/:id', signedIn, async (req, reply) => {
      const row = await service.getVisible(param(req, 'id'), req.principal);
      const panelsOf = async (r: typeof row) => {
        const panels =
          r.state === 'submitted' && d.applicantPanels
            ? await d.applicantPanels(r.id, req.principal, req)
            : null;
        return panels ? { ...panels.model, panelTemplates: panels.templates } : {};
      };
      const missing = row.state === 'draft' ? await service.missing(row) : [];
      const timeline = await service.eventsOf(row);
      const term = row.ground_id
        ? catalogue.legalTerm(row.service_id, row.ground_id, urgencyOf(row))
        : undefined;
      // The last day of the legal term, once it has started: from submission, or (for terms
      // that count from acceptance at the visit) not before the visit.
      const deadline =
        term && row.submitted_at && term.startsAt === 'submission'
          ? term.deadlineFrom(row.submitted_at)
          : undefined;
      const has = (kind: Missing['kind']) => missing.some((m) => m.kind === kind);
      const filedBy = await organisationName(row);
      const firstQuestion =
        missing.find((m) => m.kind === 'answer') ??
        (questionsOf(row)[0]
          ? {
              kind: 'answer' as const,
              questionId: questionsOf(row)[0]!.id,
              problem: 'required' as const,
            }
          : undefined);
      return render(reply, 'overview', {
        title: textIn(catalogue.serviceName(row.service_id), req.lang),
        application: row,
        filedBy,
        forWhom:
          'accountId' in req.principal ? forWhomText(row, req.principal.accountId, req.t) : '',
        groundName: row.ground_id
          ? textIn(catalogue.groundName(row.service_id, row.ground_id), req.lang)
          : '',
        tasks: [
          {
            key: 'answers',
            done: !has('answer'),
            href: firstQuestion ? hrefFor(row, firstQuestion) : `/applications/${row.id}/check`,
          },
          {
            key: 'travelDocument',
            done: Boolean(row.answers[MRZ_ANSWER]),
            href: `/applications/${row.id}/travel-document`,
          },
          { key: 'documents', done: !has('document'), href: `/applications/${row.id}/documents` },
          ...orderingTasks(catalogue, row, missing, service.ordering.today()),
          { key: 'fee', done: !has('fee'), href: `/applications/${row.id}/fee` },
          { key: 'check', done: !has('declaration'), href: `/applications/${row.id}/check` },
        ],
        timeline: timeline.map((e) => ({
          at: e.at,
          action: e.action,
          details: e.details,
          actor: actorText(e, row, req.principal, req.t, filedBy),
        })),
        term,
        deadline,
        ordering: await orderingSummary({ service, catalogue }, row, req),
        submittedFlash: (req.query as Record<string, unknown>).submitted === '1',
        notices: d.notices ? await d.notices(row.id, req.principal) : [],
        ...(await panelsOf(row)),
      });
    });

    // --- the confirmation of a submitted application, as a PDF to keep ---
    app.get('/applications/:id/receipt.pdf', signedIn, async (req, reply) => {
      const row = await service.getVisible(param(req, 'id'), req.principal);
      if (row.state !== 'submitted' || !row.reference || !row.submitted_at)
        return reply.callNotFound();
      await service.recordRead(row, req.principal, 'own-application', [
        'reference',
        'service',
        'documents',
      ]);
      const stored = await d.documents.listFor({ kind: 'application', id: row.id });
      const pdf = await labelledPdf({
        lang: req.lang,
        authority: req.t('common.authority'),
        title: req.t('applications.receipt.title'),
        rows: [
          [req.t('applications.list.reference'), row.reference],
          [
            req.t('applications.list.service'),
            textIn(catalogue.serviceName(row.service_id), req.lang),
          ],
          [
            req.t('applications.receipt.ground'),
            row.ground_id
              ? textIn(catalogue.groundName(row.service_id, row.ground_id), req.lang)
              : '–',
          ],
          [
            req.t('applications.receipt.submittedAt'),
            new Intl.DateTimeFormat(req.lang, {
              dateStyle: 'long',
              timeStyle: 'short',
              timeZone: 'Europe/Vilnius',
            }).format(row.submitted_at),
          ],
          [req.t('applications.task.documents'), stored.map((s) => s.fileName).join(', ') || '–'],
        ],
        note: req.t('applications.receipt.note'),
      });
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${row.reference}.pdf"`)
        .header('cache-control', 'no-store')
        .send(pdf);
    });

    // --- one question per page ---
    const questionPage = async (
      req: FastifyRequest,
      reply: FastifyReply,
      row: ApplicationRow,
      q: Question,
      extra: object = {},
    ) =>
      render(reply, 'question', {
        title: textIn(q.label, req.lang),
        application: row,
        question: q,
        value: row.answers[q.id] ?? '',
        dateParts: splitDate(String(row.answers[q.id] ?? '')),
        ...extra,
      });
    const findQuestion = (row: ApplicationRow, id: string) =>
      questionsOf(row).find((q) => q.id === id);

    app.get('/applications/:id/questions/:question', signedIn, async (req, reply) => {
      const row = await service.getVisible(param(req, 'id'), req.principal);
      const q = findQuestion(row, param(req, 'question'));
      if (!q || row.state !== 'draft') return reply.callNotFound();
      return questionPage(req, reply, row, q);
    });
    app.post('/applications/:id/questions/:question', signedIn, async (req, reply) => {
      const row = await service.getVisible(param(req, 'id'), req.principal);
      const q = findQuestion(row, param(req, 'question'));
      if (!q || row.state !== 'draft') return reply.callNotFound();
      const b = body(req);
      const raw =
        q.type === 'date'
          ? joinDateParts(b[`${q.id}-day`], b[`${q.id}-month`], b[`${q.id}-year`])
          : b[q.id];
      const saved = await service.saveAnswers(row.id, req.principal, {
        [q.id]: typeof raw === 'string' ? raw : '',
      });
      if (!saved.ok) {
        const fieldErrors = { [q.id]: req.t(`applications.problem.${saved.problems[q.id]}`) };
        const typed = {
          ...row,
          answers: { ...row.answers, [q.id]: typeof raw === 'string' ? raw : '' },
        };
        return questionPage(req, reply.status(400), typed, q, {
          ...fromFieldErrors(fieldErrors, {
            [q.id]:
              q.type === 'date'
                ? `${q.id}-day`
                : q.type === 'yes-no' || q.type === 'select'
                  ? q.id
                  : q.id,
          }),
          dateParts: {
            day: b[`${q.id}-day`] ?? '',
            month: b[`${q.id}-month`] ?? '',
            year: b[`${q.id}-year`] ?? '',
          },
        });
      }
      const after = await service.getVisible(row.id, req.principal);
      const list = questionsOf(after);
      const next = list[list.findIndex((x) => x.id === q.id) + 1];
      if (b.returnTo === 'check') return reply.redirect(`/applications/${row.id}/check`);
      return reply.redirect(
        next ? `/applications/${row.id}/questions/${next.id}` : `/applications/${row.id}/documents`,
      );
    });

    // --- the travel document's machine-readable zone, checked against the answers ---
    const travelPage = (
      req: FastifyRequest,
      reply: FastifyReply,
      row: ApplicationRow,
      extra: object = {},
    ) =>
      render(reply, 'travel-document', {
        title: req.t('applications.travel.title'),
        application: row,
        values: { mrz: row.answers[MRZ_ANSWER] ?? '' },
        ...extra,
      });
    app.get('/applications/:id/travel-document', signedIn, async (req, reply) => {
      const row = await service.getVisible(param(req, 'id'), req.principal);
      if (row.state !== 'draft') return reply.redirect(`/applications/${row.id}`);
      return travelPage(req, reply, row);
    });
    app.post('/applications/:id/travel-document', signedIn, async (req, reply) => {
      const row = await service.getVisible(param(req, 'id'), req.principal);
      if (row.state !== 'draft') return reply.redirect(`/applications/${row.id}`);
      const text = String(body(req).mrz ?? '')
        .trim()
        .slice(0, 200);
      const parsed = d.travelDocuments.parse(text);
      if (!parsed.valid) {
        const message = parsed.problems
          .map((pr) =>
            req.t(`documents.mrz.problem.${pr.code}`, {
              field: req.t(`documents.mrz.field.${pr.field}`),
            }),
          )
          .join(' ');
        return travelPage(req, reply.status(400), row, {
          values: { mrz: text },
          ...fromFieldErrors({ mrz: message || req.t('documents.mrz.problem.length') }),
        });
      }
      await service.saveTravelDocumentText(row.id, req.principal, text);
      return reply.redirect(`/applications/${row.id}/documents`);
    });

    // --- documents ---
    const documentsPage = async (
      req: FastifyRequest,
      reply: FastifyReply,
      row: ApplicationRow,
      extra: object = {},
    ) => {
      const stored = await d.documents.listFor({ kind: 'application', id: row.id });
      const required = row.ground_id
        ? [
            ...catalogue.requiredDocuments(row.service_id, row.ground_id, row.answers),
            ...service.ordering.evidenceDocuments(row),
          ]
        : [];
      return render(reply, 'documents', {
        title: req.t('applications.documents.title'),
        application: row,
        required: required.map((r) => ({
          id: r.id,
          name: textIn(r.name, req.lang),
          files: stored.filter((s) => s.documentType === r.id),
        })),
        ...extra,
      });
    };
    app.get('/applications/:id/documents', signedIn, async (req, reply) => {
      const row = await service.getVisible(param(req, 'id'), req.principal);
      return documentsPage(req, reply, row);
    });
    app.post('/applications/:id/documents', signedIn, async (req, reply) => {
      const row = await service.getVisible(param(req, 'id'), req.principal);
      if (row.state !== 'draft') return reply.redirect(`/applications/${row.id}`);
      const b = body(req);
      const documentType = String(b.documentType ?? '');
      const file = uploadedFile(b, 'file');
      const required = row.ground_id
        ? [
            ...catalogue.requiredDocuments(row.service_id, row.ground_id, row.answers),
            ...service.ordering.evidenceDocuments(row),
          ]
        : [];
      const fieldId = `file-${documentType}`;
      if (!required.some((r) => r.id === documentType)) return reply.callNotFound();
      if (!file) {
        return documentsPage(
          req,
          reply.status(400),
          row,
          fromFieldErrors({ [fieldId]: req.t('applications.error.fileRequired') }),
        );
      }
      const result = await d.documents.store({
        owner: { kind: 'application', id: row.id },
        uploadedBy: req.principal,
        documentType,
        fileName: file.fileName,
        bytes: new Uint8Array(file.bytes),
      });
      if (!result.ok) {
        return documentsPage(
          req,
          reply.status(400),
          row,
          fromFieldErrors({ [fieldId]: req.t(`documents.refusal.${result.reason}`) }),
        );
      }
      await service.recordDocument(row.id, req.principal, 'document-added', {
        documentType,
        documentId: result.document.id,
      });
      return reply.redirect(`/applications/${row.id}/documents`);
    });
    app.post('/applications/:id/documents/:documentId/remove', signedIn, async (req, reply) => {
      const row = await service.getVisible(param(req, 'id'), req.principal);
      const stored = await d.documents.listFor({ kind: 'application', id: row.id });
      const doc = stored.find((s) => s.id === param(req, 'documentId'));
      if (!doc || row.state !== 'draft') return reply.callNotFound();
      await d.documents.remove(doc.id, req.principal);
      await service.recordDocument(row.id, req.principal, 'document-removed', {
        documentType: doc.documentType,
        documentId: doc.id,
      });
      return reply.redirect(`/applications/${row.id}/documents`);
    });

    // --- fee ---
    // The fee due online: the level's fee after the exemption, plus a courier (ordering.service.ts).
    const feeOf = (row: ApplicationRow) => service.ordering.feeDue(row).onlineCents;
    /** An exemption is answered before paying, so nobody pays the full fee by mistake. */
    const exemptionFirst = async (row: ApplicationRow) =>
      (await service.ordering.missing(row)).some((m) => m.kind === 'exemption');
    app.get('/applications/:id/fee', signedIn, async (req, reply) => {
      const row = await service.getVisible(param(req, 'id'), req.principal);
      const status = await d.payments.statusFor({ kind: 'application', id: row.id });
      return render(reply, 'fee', {
        title: req.t('applications.fee.title'),
        application: row,
        amount: (feeOf(row) / 100).toFixed(2),
        status,
        ordering: await orderingSummary({ service, catalogue }, row, req),
        exemptionFirst: row.state === 'draft' && (await exemptionFirst(row)),
      });
    });
    app.post('/applications/:id/fee', signedIn, async (req, reply) => {
      const row = await service.getVisible(param(req, 'id'), req.principal);
      const amountCents = feeOf(row);
      const p = req.principal;
      if (row.state === 'draft' && (await exemptionFirst(row)))
        return reply.redirect(`/applications/${row.id}/exemption`);
      if (row.state !== 'draft' || amountCents === 0 || !('accountId' in p))
        return reply.redirect(`/applications/${row.id}`);
      const { redirectUrl } = await d.payments.start({
        payer: { accountId: p.accountId },
        reference: { kind: 'application', id: row.id },
        amountCents,
        description: textIn(catalogue.serviceName(row.service_id), req.lang),
        returnUrl: `/applications/${row.id}`,
      });
      return reply.redirect(redirectUrl);
    });

    // --- check your answers, declaration, submit ---
    const checkPage = async (
      req: FastifyRequest,
      reply: FastifyReply,
      row: ApplicationRow,
      extra: object = {},
    ) => {
      const missing = await service.missing(row);
      const stored = await d.documents.listFor({ kind: 'application', id: row.id });
      return render(reply, 'check', {
        title: req.t('applications.check.title'),
        application: row,
        rows: questionsOf(row).map((q) => ({
          question: q,
          value: row.answers[q.id] ?? '',
          href: `/applications/${row.id}/questions/${q.id}`,
        })),
        documents: stored,
        ordering: await orderingSummary({ service, catalogue }, row, req),
        travel: checkTravelDocument(row, d.travelDocuments, d.clock.now()),
        ruleChecks: d.checksBeforeSubmission ? await d.checksBeforeSubmission(row, req.lang) : [],
        missing: missing
          .filter((m) => m.kind !== 'declaration')
          .map((m) => ({ text: req.t(`applications.missing.${m.kind}`), href: hrefFor(row, m) })),
        ...extra,
      });
    };
    app.get('/applications/:id/check', signedIn, async (req, reply) => {
      const row = await service.getVisible(param(req, 'id'), req.principal);
      if (row.state !== 'draft') return reply.redirect(`/applications/${row.id}`);
      return checkPage(req, reply, row);
    });
    app.post(
      '/applications/:id/submit',
      {
        config: {
          access: { who: 'signed-in' as const },
          rateLimit: { max: 30, timeWindow: 60_000 },
        },
      },
      async (req, reply) => {
        const row = await service.getVisible(param(req, 'id'), req.principal);
        if (row.state === 'submitted') return reply.redirect(`/applications/${row.id}?submitted=1`);
        if (body(req).declaration !== 'yes') {
          return checkPage(
            req,
            reply.status(400),
            row,
            fromFieldErrors({ declaration: req.t('applications.error.declarationRequired') }),
          );
        }
        if (!row.declaration_at) await service.confirmDeclaration(row.id, req.principal);
        try {
          await service.submit(row.id, req.principal);
        } catch (e) {
          if (isAppError(e) && e.code === 'APPLICATION_NOT_MINOR') {
            return checkPage(
              req,
              reply.status(400),
              row,
              fromFieldErrors({
                declaration: req.t('applications.forWhom.error.notMinorAtSubmission'),
              }),
            );
          }
          if (isAppError(e) && e.code === 'APPLICATION_INCOMPLETE') {
            return checkPage(
              req,
              reply.status(400),
              await service.getVisible(row.id, req.principal),
              fromFieldErrors({ declaration: req.t('applications.error.incomplete') }),
            );
          }
          throw e;
        }
        return reply.redirect(`/applications/${row.id}?submitted=1`);
      },
    );
  };
}

function splitDate(iso: string): { day: string; month: string; year: string } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m
    ? { year: m[1]!, month: String(Number(m[2])), day: String(Number(m[3])) }
    : { day: '', month: '', year: '' };
}
