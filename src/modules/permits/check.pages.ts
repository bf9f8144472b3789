/**
 * `/check` (issue 9): an employer, landlord or anyone else with a share code and the holder's
 * date of birth sees the code's purpose facts. A miss never says which part was wrong.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isAppError } from '../../platform/errors';
import { fromFieldErrors } from '../../platform/http';
import { formatDay } from './verifier.view';
import { DISCLOSURE_SETS, type ClaimName, type ShareFacts } from './permits.model';
import { isoDay, normaliseCode } from './share-codes.core';
import { VERIFIER_NAME_MAX, type ShareCodesService } from './share-codes.service';

const V = 'modules/permits/views';
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** Three GOV.UK date inputs as YYYY-MM-DD, or undefined when they do not make a real day. */
function dayFrom(day: string, month: string, year: string): string | undefined {
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return undefined;
  return isoDay(`${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`);
}

export function checkPages(d: { shareCodes: ShareCodesService }) {
  /** The purpose's facts as labelled rows in the reader's language (the photo is shown apart). */
  const factRows = (
    req: FastifyRequest,
    purpose: keyof typeof DISCLOSURE_SETS,
    facts: ShareFacts,
  ) =>
    DISCLOSURE_SETS[purpose]
      .filter((c): c is Exclude<ClaimName, 'picture'> => c !== 'picture')
      .map((claim) => {
        const v = (facts as Record<string, unknown>)[claim];
        const text =
          typeof v === 'boolean'
            ? req.t(v ? 'permits.yes' : 'permits.no')
            : claim === 'valid_from' || claim === 'valid_until'
              ? formatDay(String(v), req.lang)
              : claim === 'permit_type'
                ? d.shareCodes.typeName(v as never, req.lang)
                : v === null || v === undefined
                  ? '–'
                  : claim === 'permit_ground'
                    ? d.shareCodes.groundName(facts.permit_type, String(v), req.lang)
                    : String(v);
        return { key: { text: req.t(`permits.claim.${claim}`) }, value: { text } };
      });

  const formPage = (
    req: FastifyRequest,
    reply: FastifyReply,
    extra: Record<string, unknown> = {},
  ) => reply.page(`${V}/check.njk`, { title: req.t('permits.check.title'), values: {}, ...extra });

  return async (app: FastifyInstance) => {
    app.get('/check', { config: { access: { who: 'public' } } }, async (req, reply) =>
      formPage(req, reply),
    );

    app.post(
      '/check',
      // The failure limit in the service is what stops guessing; this only stops floods.
      { config: { access: { who: 'public' }, rateLimit: { max: 30, timeWindow: 60_000 } } },
      async (req, reply) => {
        const b = (req.body ?? {}) as Record<string, unknown>;
        const values = {
          code: str(b.code),
          day: str(b['dob-day']),
          month: str(b['dob-month']),
          year: str(b['dob-year']),
          who: str(b.who),
        };
        const fieldErrors: Record<string, string> = {};
        if (!normaliseCode(values.code)) fieldErrors.code = req.t('permits.check.error.code');
        const dateOfBirth = dayFrom(values.day, values.month, values.year);
        if (!dateOfBirth) fieldErrors.dob = req.t('permits.check.error.dob');
        if (!values.who) fieldErrors.who = req.t('permits.check.error.who');
        else if (values.who.length > VERIFIER_NAME_MAX)
          fieldErrors.who = req.t('permits.check.error.whoTooLong');
        if (Object.keys(fieldErrors).length > 0)
          return formPage(req, reply.status(400), {
            values,
            ...fromFieldErrors(fieldErrors, { code: 'code', dob: 'dob-day', who: 'who' }),
          });

        let result;
        try {
          result = await d.shareCodes.check({
            code: values.code,
            dateOfBirth: dateOfBirth!,
            verifierName: values.who,
            channel: 'page',
            ip: req.ip,
            actor: req.principal,
          });
        } catch (e) {
          if (isAppError(e) && e.code === 'SHARE_CODE_CHECK_LIMITED')
            return formPage(req, reply.status(429), { values, limited: true });
          throw e;
        }
        // The date of birth is not kept in the form after a miss, and nothing says which part.
        if (result.outcome === 'no-match')
          return formPage(req, reply, {
            values: { code: values.code, who: values.who },
            noMatch: true,
          });
        return reply.page(`${V}/check-result.njk`, {
          title: req.t('permits.result.title'),
          result,
          rows: result.outcome === 'shown' ? factRows(req, result.purpose, result.facts) : [],
        });
      },
    );
  };
}
