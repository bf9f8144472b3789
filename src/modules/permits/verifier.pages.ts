/**
 * `/verify`: anyone checks a permit credential by camera (script), image upload or paste. The
 * credential travels only in POST bodies: a credential in a URL would end up in access logs,
 * browser history and Referer headers.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fromFieldErrors, uploadedFile, type FormErrors } from '../../platform/http';
import { CREDENTIAL_MAX_CHARS } from './credentials.api';
import type { PermitsService } from './permits.contract';
import { decodeQrImage, imageKind, QR_IMAGE_MAX_BYTES } from './qr-image';
import { verifierAssets } from './verifier.assets';
import { resultView } from './verifier.view';

const V = 'modules/permits/views';
const publicPage = { config: { access: { who: 'public' as const } } };
/** Generous: a door check may verify many people in a row from one address. */
const verifyLimit = {
  config: { access: { who: 'public' as const }, rateLimit: { max: 120, timeWindow: 60_000 } },
};

type Read = { ok: true; credential: string } | { ok: false; errors: FormErrors };

/** The credential from the upload or the paste form, or the error to show on the form. */
function readCredential(req: FastifyRequest): Read {
  const b = (req.body ?? {}) as Record<string, unknown>;
  const fail = (field: string, key: string): Read => ({
    ok: false,
    errors: fromFieldErrors({ [field]: req.t(key) }),
  });
  if (b.method === 'upload') {
    const file = uploadedFile(b, 'image');
    if (!file) return fail('image', 'verifier.error.noImage');
    if (file.truncated || file.bytes.length > QR_IMAGE_MAX_BYTES)
      return fail('image', 'verifier.error.tooLarge');
    if (!imageKind(file.bytes)) return fail('image', 'verifier.error.notImage');
    const text = decodeQrImage(file.bytes);
    return text ? { ok: true, credential: text.trim() } : fail('image', 'verifier.error.noQr');
  }
  // Textareas wrap and mail clients break lines; an SD-JWT never contains white space.
  const text = typeof b.credential === 'string' ? b.credential.replace(/\s+/g, '') : '';
  if (!text) return fail('credential', 'verifier.error.empty');
  if (text.length > CREDENTIAL_MAX_CHARS) return fail('credential', 'verifier.error.tooLong');
  return { ok: true, credential: text };
}

export function verifierPages(d: { permits: PermitsService }) {
  const assets = verifierAssets();
  return async (app: FastifyInstance) => {
    await app.register(assets.routes);

    const formPage = (req: FastifyRequest, reply: FastifyReply, extra: object = {}) =>
      reply.page(`${V}/verify.njk`, {
        title: req.t('verifier.title'),
        assets: assets.urls,
        ...extra,
      });

    // Nothing is verified by GET. A `?credential=` link is sent to the bare form, so the
    // credential is not repeated in the page (the language links copy the query string).
    app.get('/verify', publicPage, async (req, reply) => {
      const query = (req.query ?? {}) as Record<string, unknown>;
      if (Object.keys(query).some((k) => k !== 'lang'))
        return reply.redirect(
          `/verify${typeof query.lang === 'string' ? `?lang=${req.lang}` : ''}`,
          303,
        );
      return formPage(req, reply);
    });

    app.post('/verify', verifyLimit, async (req, reply) => {
      const read = readCredential(req);
      if (!read.ok)
        // Only empty or oversized text is refused here, so there is nothing worth echoing back.
        return formPage(req, reply.status(400), read.errors);
      const result = await d.permits.verify(read.credential, { channel: 'page', ip: req.ip });
      const view = resultView(result, {
        t: req.t,
        lang: req.lang,
        issuer: d.permits.issuer(),
        typeName: (type, lang) => d.permits.typeName(type, lang),
        groundName: (type, ground, lang) => d.permits.groundName(type, ground, lang),
      });
      return reply.page(`${V}/result.njk`, {
        title: `${req.t('verifier.result.title')}: ${view.statusText}`,
        assets: assets.urls,
        view,
      });
    });
  };
}
