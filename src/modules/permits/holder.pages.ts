/**
 * The holder's digital permits (issue 9): the list, one permit with its QR code, the printable
 * PDF and the wallet download, and the share codes with every check made with them.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../../platform/clock';
import { isAppError } from '../../platform/errors';
import { fromFieldErrors } from '../../platform/http';
import { permitsErrors } from './errors';
import { renderPermitPdf, permitQrPng } from './permit-pdf';
import type { PermitsService } from './permits.contract';
import { DisclosureSetName, SHARE_PURPOSES, type DisclosureSet } from './permits.model';
import { DEFAULT_SHARE_CODE_DAYS, SHARE_CODE_DAYS } from './share-codes.core';
import type { ShareCodesService } from './share-codes.service';

const V = 'modules/permits/views';
const applicant = { config: { access: { who: 'applicant' as const } } };
/** A person makes a few codes a day; a script making thousands is refused. */
const guarded = {
  config: { access: { who: 'applicant' as const }, rateLimit: { max: 20, timeWindow: 60_000 } },
};
const params = (req: FastifyRequest) => req.params as Record<string, string>;
const body = (req: FastifyRequest) => (req.body ?? {}) as Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const showOf = (req: FastifyRequest): DisclosureSet => {
  const parsed = DisclosureSetName.safeParse((req.query as Record<string, unknown>).show);
  return parsed.success ? parsed.data : 'full';
};
/** Document numbers are the Department's own; only safe characters go into a file name. */
const fileStem = (number: string) => `permit-${number.replace(/[^A-Za-z0-9_-]/g, '')}`;

export function holderPages(d: {
  permits: PermitsService;
  shareCodes: ShareCodesService;
  clock: Clock;
}) {
  const { permits, shareCodes } = d;
  const checkUrl = () => `${permits.issuer()}/check`;

  /** Only a valid permit is shown as a QR code, printed or downloaded. */
  async function validOwn(req: FastifyRequest) {
    const view = await permits.getOwn(params(req).id ?? '', req.principal);
    if (view.state !== 'valid') throw permitsErrors.notValid();
    return view;
  }

  async function permitPage(
    req: FastifyRequest,
    reply: FastifyReply,
    extra: Record<string, unknown> = {},
  ) {
    const view = await permits.getOwn(params(req).id ?? '', req.principal);
    const [codes, checks] = await Promise.all([
      shareCodes.listForPermit(view.id, req.principal),
      shareCodes.checksFor(view.id, req.principal),
    ]);
    const show = showOf(req);
    return reply.page(`${V}/holder-permit.njk`, {
      title: permits.typeName(view.credentialType, req.lang),
      permit: view,
      groundName: view.groundId
        ? permits.groundName(view.credentialType, view.groundId, req.lang)
        : undefined,
      isValid: view.state === 'valid',
      show,
      sets: DisclosureSetName.options,
      qrSrc: `/my-permits/${view.id}/qr.png?show=${show}`,
      codes,
      checks,
      purposes: SHARE_PURPOSES,
      dayChoices: SHARE_CODE_DAYS,
      values: { purpose: '', days: String(DEFAULT_SHARE_CODE_DAYS) },
      checkUrl: checkUrl(),
      ...extra,
    });
  }

  return async (app: FastifyInstance) => {
    app.get('/my-permits', applicant, async (req, reply) => {
      const list = await permits.listForHolder(req.principal);
      return reply.page(`${V}/holder-list.njk`, {
        title: req.t('permits.list.title'),
        permits: list.map((p) => ({
          ...p,
          typeName: permits.typeName(p.credentialType, req.lang),
        })),
      });
    });

    app.get('/my-permits/:id', applicant, async (req, reply) => permitPage(req, reply));

    app.get('/my-permits/:id/qr.png', applicant, async (req, reply) => {
      const view = await validOwn(req);
      const presentation = await permits.present(view.id, req.principal, showOf(req));
      const png = await permitQrPng(presentation, 6);
      return reply.header('cache-control', 'no-store').type('image/png').send(png);
    });

    app.get('/my-permits/:id/permit.pdf', applicant, async (req, reply) => {
      const view = await validOwn(req);
      const credential = await permits.present(view.id, req.principal, 'full');
      const ref = view.pictureUrl.split('/').pop() ?? '';
      const photo = await permits.photo(ref, { channel: 'page', ip: req.ip });
      const pdf = await renderPermitPdf({
        view,
        credential,
        photo: photo ? { bytes: photo.bytes } : undefined,
        lang: req.lang,
        t: req.t,
        typeName: (lang) => permits.typeName(view.credentialType, lang),
        groundName: (lang) => permits.groundName(view.credentialType, view.groundId ?? '', lang),
        verifyUrl: `${permits.issuer()}/verify`,
      });
      return reply
        .header('cache-control', 'no-store')
        .header(
          'content-disposition',
          `attachment; filename="${fileStem(view.documentNumber)}.pdf"`,
        )
        .type('application/pdf')
        .send(pdf);
    });

    app.get('/my-permits/:id/credential', applicant, async (req, reply) => {
      const view = await validOwn(req);
      const credential = await permits.present(view.id, req.principal, 'full');
      return reply
        .header('cache-control', 'no-store')
        .header(
          'content-disposition',
          `attachment; filename="${fileStem(view.documentNumber)}.sd-jwt"`,
        )
        .type('application/dc+sd-jwt')
        .send(credential);
    });

    app.post('/my-permits/:id/share-codes', guarded, async (req, reply) => {
      const b = body(req);
      const values = { purpose: str(b.purpose), days: str(b.days) };
      const fieldErrors: Record<string, string> = {};
      if (!(SHARE_PURPOSES as readonly string[]).includes(values.purpose))
        fieldErrors.purpose = req.t('permits.share.error.purpose');
      if (!(SHARE_CODE_DAYS as readonly number[]).includes(Number(values.days)))
        fieldErrors.days = req.t('permits.share.error.days');
      if (Object.keys(fieldErrors).length > 0)
        return permitPage(req, reply.status(400), {
          values,
          ...fromFieldErrors(fieldErrors, { purpose: 'purpose', days: 'days' }),
        });
      const view = await permits.getOwn(params(req).id ?? '', req.principal);
      try {
        const made = await shareCodes.create(view.id, req.principal, {
          purpose: values.purpose,
          days: Number(values.days),
        });
        return await reply.page(`${V}/share-code-created.njk`, {
          title: req.t('permits.created.title'),
          permit: view,
          code: made.code,
          purpose: values.purpose,
          expiresAt: made.expiresAt,
          checkUrl: checkUrl(),
        });
      } catch (e) {
        // Revoked or expired in the meantime: the permit page says so.
        if (isAppError(e) && e.code === 'PERMIT_NOT_VALID')
          return reply.redirect(`/my-permits/${view.id}`, 303);
        throw e;
      }
    });

    app.post('/my-permits/:id/share-codes/:codeId/revoke', guarded, async (req, reply) => {
      const { id = '', codeId = '' } = params(req);
      const view = await permits.getOwn(id, req.principal);
      await shareCodes.revoke(codeId, req.principal, view.id);
      return reply.redirect(`/my-permits/${view.id}#share-codes`, 303);
    });
  };
}
