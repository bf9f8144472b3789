import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors';
import { ProblemSchema, uploadedFile, type Principal } from '../../platform/http';
import { PARTNER_SECURITY } from '../partners';
import type { CataloguePort, DocumentsPort } from './applications.ports';
import type { ApplicationRow } from './applications.repository';
import type { ApplicationsService } from './applications.service';

type Partner = Extract<Principal, { kind: 'partner' }>;
const partner = { access: { who: 'partner' as const } };
const EXAMPLE_ID = '0b9d6d5e-6a53-4f0e-9a44-2f7f3c1c9a10';

const Problem = ProblemSchema;

/** The upload as the API description shows it (multipart is read by the upload plugin). */
const UPLOAD_BODY = {
  content: {
    'multipart/form-data': {
      schema: {
        type: 'object',
        required: ['documentType', 'file'],
        properties: {
          documentType: {
            type: 'string',
            description: 'A document the ground requires, as listed in `missing` (`document:<id>`)',
          },
          file: {
            type: 'string',
            format: 'binary',
            description: 'PDF, JPEG or PNG; the type is read from the bytes',
          },
        },
        example: { documentType: 'travel-document', file: '(the bytes of passport.pdf)' },
      },
    },
  },
};

const StoredDocumentView = z
  .object({
    id: z.string(),
    documentType: z.string(),
    fileName: z.string(),
    sizeBytes: z.number(),
  })
  .meta({
    examples: [
      {
        id: '5f0c3a52-7d4e-4b8e-9a51-0f6f1f2d8c11',
        documentType: 'travel-document',
        fileName: 'passport.pdf',
        sizeBytes: 204800,
      },
    ],
  });

const ApplicationView = z
  .object({
    id: z.uuid(),
    reference: z.string().nullable().describe('Reference number, given at submission'),
    service: z.string(),
    ground: z.string().nullable(),
    urgent: z.boolean().describe('Any level faster than general was chosen'),
    urgency: z
      .string()
      .describe('Urgency level: general, urgent, next-day or same-day (as the service offers)'),
    state: z.enum(['draft', 'submitted', 'withdrawn']),
    missing: z.array(z.string()).describe('What still stands between the draft and its submission'),
    timeline: z.array(z.object({ at: z.string(), action: z.string() })),
  })
  .meta({
    examples: [
      {
        id: EXAMPLE_ID,
        reference: null,
        service: 'temporary-residence-permit',
        ground: 'highly-qualified',
        urgent: false,
        urgency: 'general',
        state: 'draft',
        missing: ['document:travel-document'],
        timeline: [{ at: '2026-12-04T10:00:00.000Z', action: 'created' }],
      },
    ],
  });

const CreateApplication = z
  .strictObject({
    service: z.string().min(1).describe('Catalogue service id (GET /api/v1/services)'),
    ground: z.string().min(1).describe('Ground id within the service'),
    urgent: z.boolean().default(false),
    urgency: z
      .string()
      .regex(/^[a-z-]{1,40}$/)
      .optional()
      .describe(
        'Urgency level (general, urgent, next-day, same-day) where the service and ground offer it; wins over `urgent`. A level not offered answers 400 (APPLICATION_URGENCY_NOT_OFFERED).',
      ),
    answers: z
      .record(z.string(), z.string())
      .default({})
      .describe('Answers by question id; dates as YYYY-MM-DD'),
  })
  .meta({
    examples: [
      {
        service: 'temporary-residence-permit',
        ground: 'highly-qualified',
        urgent: false,
        answers: { surname: 'KOVALENKO' },
      },
    ],
  });

const Submit = z
  .strictObject({
    feeReceipt: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .describe('Receipt number of the fee the partner collected'),
  })
  .meta({ examples: [{ feeReceipt: 'VFS-VNO-2026-004512' }] });

const Params = z.object({ id: z.string().describe('Application id returned when it was created') });

const errors = { 400: Problem, 401: Problem, 404: Problem, 409: Problem, 422: Problem };

/** The partner API for applications: service providers abroad and organisations' systems. */
export function applicationsApi(d: {
  service: ApplicationsService;
  catalogue: CataloguePort;
  documents: DocumentsPort;
}) {
  const { service } = d;
  const partnerOf = (req: FastifyRequest) => req.principal as Partner;

  /** The answer for an application the caller has already been allowed to see. */
  async function view(row: ApplicationRow) {
    const [missing, timeline] = await Promise.all([
      row.state === 'draft' ? service.missing(row) : [],
      service.eventsOf(row),
    ]);
    return {
      id: row.id,
      reference: row.reference,
      service: row.service_id,
      ground: row.ground_id,
      urgent: row.urgent,
      urgency: row.urgency ?? (row.urgent ? 'urgent' : 'general'),
      state: row.state,
      missing: missing.map((m) =>
        m.kind === 'answer'
          ? `answer:${m.questionId}`
          : m.kind === 'document'
            ? `document:${m.documentId}`
            : m.kind,
      ),
      timeline: timeline.map((e) => ({ at: e.at.toISOString(), action: e.action })),
    };
  }

  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();

    app.post(
      '/api/v1/applications',
      {
        config: partner,
        schema: {
          tags: ['applications'],
          security: PARTNER_SECURITY,
          summary: 'Create an application',
          description:
            'Creates a draft application for a foreigner on a service and ground the partner is allowed to file. Answers are checked by question type; a wrong answer refuses the whole request (400, naming the question). Needs an Idempotency-Key header.',
          body: CreateApplication,
          response: { 201: ApplicationView, ...errors },
        },
      },
      async (req, reply) => {
        const p = partnerOf(req);
        if (!p.services.includes(req.body.service)) {
          throw new AppError(
            'PARTNER_SERVICE_NOT_ALLOWED',
            'forbidden',
            `This partner may not file ${req.body.service}`,
          );
        }
        // Answers are checked before anything is written: a refused request leaves nothing behind.
        // (An unknown service or ground is refused by startDraft.)
        const known = Boolean(d.catalogue.groundName(req.body.service, req.body.ground));
        const checked = known
          ? service.checkAnswers(req.body.service, req.body.ground, req.body.answers)
          : { ok: true as const, clean: {} };
        if (!checked.ok) {
          throw new AppError('REQUEST_INVALID', 'validation', 'Some answers are not valid', {
            fields: Object.entries(checked.problems).map(([field, message]) => ({
              field: `answers.${field}`,
              message,
            })),
          });
        }
        const row = await service.startDraft({
          serviceId: req.body.service,
          groundId: req.body.ground,
          urgent: req.body.urgent,
          ...(req.body.urgency ? { urgency: req.body.urgency } : {}),
          by: p,
          ...(Object.keys(checked.clean).length > 0 ? { answers: checked.clean } : {}),
        });
        return reply.status(201).send(await view(row));
      },
    );

    app.get(
      '/api/v1/applications/:id',
      {
        config: partner,
        schema: {
          tags: ['applications'],
          security: PARTNER_SECURITY,
          summary: 'Status and timeline of an application',
          description: 'Only applications the partner filed are visible; any other id answers 404.',
          params: Params,
          response: { 200: ApplicationView, 401: Problem, 404: Problem },
        },
      },
      async (req) => {
        const p = partnerOf(req);
        return view(await service.getVisible(req.params.id, p));
      },
    );

    app.post(
      '/api/v1/applications/:id/documents',
      {
        config: { ...partner, openapiRequestBody: UPLOAD_BODY },
        schema: {
          tags: ['applications'],
          security: PARTNER_SECURITY,
          summary: 'Upload a document',
          description:
            'multipart/form-data with the fields `documentType` (a required document id of the ground) and `file` (PDF, JPEG or PNG up to the configured size). The type is read from the bytes; encrypted or active-content PDFs, polyglots and other types are refused with the reason.',
          params: Params,
          consumes: ['multipart/form-data'],
          response: {
            201: StoredDocumentView,
            ...errors,
          },
        },
      },
      async (req, reply) => {
        const p = partnerOf(req);
        const row = await service.getVisible(req.params.id, p);
        const b = (req.body ?? {}) as Record<string, unknown>;
        const documentType = typeof b.documentType === 'string' ? b.documentType : '';
        const required = row.ground_id
          ? d.catalogue.requiredDocuments(row.service_id, row.ground_id, row.answers)
          : [];
        if (!required.some((r) => r.id === documentType)) {
          throw new AppError('REQUEST_INVALID', 'validation', 'Unknown document type', {
            fields: [{ field: 'documentType', message: 'Not a document this application needs' }],
          });
        }
        const file = uploadedFile(b, 'file');
        if (!file) {
          throw new AppError('REQUEST_INVALID', 'validation', 'No file', {
            fields: [{ field: 'file', message: 'Required' }],
          });
        }
        const result = await d.documents.store({
          owner: { kind: 'application', id: row.id },
          uploadedBy: p,
          documentType,
          fileName: file.fileName,
          bytes: new Uint8Array(file.bytes),
        });
        if (!result.ok) {
          throw new AppError(
            'DOCUMENT_REFUSED',
            'unprocessable',
            `Document refused: ${result.reason}`,
            { fields: [{ field: 'file', message: result.reason }] },
          );
        }
        await service.recordDocument(row.id, p, 'document-added', {
          documentType,
          documentId: result.document.id,
        });
        return reply.status(201).send(result.document);
      },
    );

    app.post(
      '/api/v1/applications/:id/submit',
      {
        config: partner,
        schema: {
          tags: ['applications'],
          security: PARTNER_SECURITY,
          summary: 'Submit an application',
          description:
            'Submits a complete application and gives it a reference number. When a fee is due, `feeReceipt` records the fee the partner collected. A repeat returns the same reference; an incomplete application answers 400 listing what is missing.',
          params: Params,
          body: Submit,
          response: { 200: ApplicationView, ...errors },
        },
      },
      async (req) => {
        const p = partnerOf(req);
        const submitted = await service.submit(req.params.id, p, {
          ...(req.body.feeReceipt ? { feeReceipt: req.body.feeReceipt } : {}),
          confirmDeclaration: true,
        });
        return view(submitted);
      },
    );
  };
}
