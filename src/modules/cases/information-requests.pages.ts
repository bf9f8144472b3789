import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../../platform/clock';
import { fromFieldErrors, uploadedFile } from '../../platform/http';
import type { Language } from '../../platform/i18n';
import { localDate } from '../catalogue';
import type { DocumentsService } from '../documents';
import type { CaseRow } from './cases.repository';
import type { CasesService } from './cases.service';
import type { InformationRequestRow, RequestedItem } from './information-requests.repository';
import {
  dueDateProblem,
  MAX_DUE_DAYS,
  MAX_TEXT,
  type InformationRequestsService,
} from './information-requests.service';
import { caseWorkRoute } from './cases.access';

const V = 'modules/cases/views';
// Only case-working roles reach these pages (the call centre has its own).
const staff = caseWorkRoute;
const applicant = { config: { access: { who: 'applicant' as const } } };
/** Files sent with answers are filed under one type: what they answer is in the answer's text. */
export const ANSWER_DOCUMENT_TYPE = 'information-request-answer';

type Texts = Partial<Record<Language, string>> & { lt: string };
export interface InformationRequestPagesDeps {
  clock: Clock;
  cases: CasesService;
  requests: InformationRequestsService;
  documents: Pick<DocumentsService, 'store' | 'listFor'>;
  /** The catalogue's document types for the case's service and ground (what may be asked for). */
  documentTypes(c: CaseRow): { id: string; name: Texts }[];
}

const body = (req: FastifyRequest) => (req.body ?? {}) as Record<string, unknown>;
const param = (req: FastifyRequest, name: string) =>
  String((req.params as Record<string, string>)[name] ?? '');
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const list = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(str);
const two = (s: string) => s.padStart(2, '0');

/** The requests of a case as the views show them (item names in the reader's language). */
function viewOf(
  r: InformationRequestRow,
  names: Map<string, Texts>,
  lang: Language,
): Record<string, unknown> {
  return {
    ...r,
    open: r.answered_at === null,
    itemTexts: r.items.map((i: RequestedItem) =>
      'documentType' in i
        ? (names.get(i.documentType)?.[lang] ?? names.get(i.documentType)?.lt ?? i.documentType)
        : i.text,
    ),
  };
}

export function informationRequestPages(d: InformationRequestPagesDeps) {
  return async (app: FastifyInstance) => {
    const namesOf = (c: CaseRow) => new Map(d.documentTypes(c).map((t) => [t.id, t.name]));

    // --- workbench: the officer asks for what is missing ---
    const requestPage = async (
      req: FastifyRequest,
      reply: FastifyReply,
      c: CaseRow,
      extra: Record<string, unknown> = {},
    ) => {
      const all = await d.requests.listForCase(c.id);
      const names = namesOf(c);
      const answers = await Promise.all(
        all.map((r) => d.documents.listFor({ kind: 'information-request', id: r.id })),
      );
      return reply.page(`${V}/information-request.njk`, {
        title: req.t('informationRequests.workbench.title'),
        case: c,
        allowed: c.status === 'in-examination',
        requests: all.map((r, i) => ({ ...viewOf(r, names, req.lang), files: answers[i] })),
        documentTypes: d.documentTypes(c).map((t) => ({
          value: t.id,
          text: t.name[req.lang] ?? t.name.lt,
        })),
        maxDueDays: MAX_DUE_DAYS,
        values: { documentTypes: [] },
        ...extra,
      });
    };
    app.get('/workbench/cases/:id/information-request', staff, async (req, reply) => {
      const c = await d.cases.getCase(param(req, 'id'), req.principal);
      return requestPage(req, reply, c);
    });
    app.post('/workbench/cases/:id/information-request', staff, async (req, reply) => {
      const c = await d.cases.openable(param(req, 'id'), req.principal);
      if (c.status !== 'in-examination') return requestPage(req, reply.status(409), c);
      const b = body(req);
      const known = new Set(d.documentTypes(c).map((t) => t.id));
      const types = list(b.documentTypes).filter((t) => known.has(t));
      const others = str(b.otherItems)
        .split(/\r?\n/)
        .map((s) => s.trim())
        .filter(Boolean);
      const message = str(b.message);
      const [day, month, year] = [str(b['dueOn-day']), str(b['dueOn-month']), str(b['dueOn-year'])];
      const dueOn =
        /^\d{4}$/.test(year) && /^\d{1,2}$/.test(month) && /^\d{1,2}$/.test(day)
          ? `${year}-${two(month)}-${two(day)}`
          : '';
      const errors: Record<string, string> = {};
      if (types.length + others.length === 0)
        errors.documentTypes = req.t('informationRequests.error.noItems');
      if (others.some((o) => o.length > 500) || message.length > MAX_TEXT)
        errors.message = req.t('informationRequests.error.tooLong', { max: MAX_TEXT });
      const today = localDate(d.clock.now());
      // A date that does not exist (31 February) is not the same day when read back.
      const valid = dueOn !== '' && localDate(new Date(`${dueOn}T12:00:00Z`)) === dueOn;
      const problem = valid ? dueDateProblem(dueOn, today) : 'invalid';
      if (problem)
        errors.dueOn = req.t(`informationRequests.error.due.${problem}`, { max: MAX_DUE_DAYS });
      if (Object.keys(errors).length > 0) {
        return requestPage(req, reply.status(400), c, {
          ...fromFieldErrors(errors, { dueOn: 'dueOn-day', documentTypes: 'documentTypes' }),
          values: {
            documentTypes: types,
            otherItems: str(b.otherItems),
            message,
            day,
            month,
            year,
          },
        });
      }
      const items: RequestedItem[] = [
        ...types.map((documentType) => ({ documentType })),
        ...others.map((text) => ({ text })),
      ];
      await d.requests.request(c, req.principal, { items, message, dueOn });
      req.ensureSession().data.flash = 'informationRequests.workbench.sent';
      return reply.redirect(`/workbench/cases/${c.id}/information-request`);
    });

    // --- portal: the applicant sees the requests and answers them ---
    app.get('/applications/:id/information-requests', applicant, async (req, reply) => {
      const { case: c, requests } = await d.requests.forApplication(
        param(req, 'id'),
        req.principal,
      );
      const names = namesOf(c);
      return reply.page(`${V}/information-requests.njk`, {
        title: req.t('informationRequests.portal.listTitle'),
        applicationId: c.application_id,
        requests: requests.map((r) => viewOf(r, names, req.lang)).reverse(),
      });
    });

    const answerPage = async (req: FastifyRequest, reply: FastifyReply, extra: object = {}) => {
      const seq = Number(param(req, 'seq'));
      const { case: c, request } = await d.requests.oneForApplication(
        param(req, 'id'),
        Number.isInteger(seq) ? seq : -1,
        req.principal,
      );
      const files = await d.documents.listFor({ kind: 'information-request', id: request.id });
      return {
        c,
        request,
        render: (more: object = {}) =>
          reply.page(`${V}/information-request-answer.njk`, {
            title: req.t('informationRequests.portal.answerTitle', { seq: request.seq }),
            applicationId: c.application_id,
            request: viewOf(request, namesOf(c), req.lang),
            files,
            ...extra,
            ...more,
          }),
      };
    };
    const ANSWER = '/applications/:id/information-requests/:seq';
    app.get(ANSWER, applicant, async (req, reply) => (await answerPage(req, reply)).render());
    app.post(`${ANSWER}/documents`, applicant, async (req, reply) => {
      const page = await answerPage(req, reply);
      const here = `/applications/${page.c.application_id}/information-requests/${page.request.seq}`;
      if (page.request.answered_at) return reply.redirect(here);
      const uploader = req.principal;
      if (uploader.kind === 'anonymous') return reply.callNotFound();
      const file = uploadedFile(body(req), 'file');
      if (!file) {
        reply.status(400);
        return page.render(
          fromFieldErrors({ file: req.t('informationRequests.error.fileRequired') }),
        );
      }
      const result = await d.documents.store({
        owner: { kind: 'information-request', id: page.request.id },
        uploadedBy: uploader,
        documentType: ANSWER_DOCUMENT_TYPE,
        fileName: file.fileName,
        bytes: new Uint8Array(file.bytes),
      });
      if (!result.ok) {
        reply.status(400);
        return page.render(fromFieldErrors({ file: req.t(`documents.refusal.${result.reason}`) }));
      }
      return reply.redirect(here);
    });
    app.post(ANSWER, applicant, async (req, reply) => {
      const page = await answerPage(req, reply);
      const list = `/applications/${page.c.application_id}/information-requests`;
      if (page.request.answered_at) return reply.redirect(list);
      const text = str(body(req).answer);
      const files = await d.documents.listFor({ kind: 'information-request', id: page.request.id });
      const problem =
        text.length > MAX_TEXT
          ? req.t('informationRequests.error.tooLong', { max: MAX_TEXT })
          : text === '' && files.length === 0
            ? req.t('informationRequests.error.emptyAnswer')
            : undefined;
      if (problem) {
        reply.status(400);
        return page.render({ ...fromFieldErrors({ answer: problem }), values: { answer: text } });
      }
      await d.requests.answer(page.c, page.request, req.principal, text);
      req.ensureSession().data.flash = 'informationRequests.portal.answered';
      return reply.redirect(list);
    });
  };
}
