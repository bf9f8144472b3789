import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import type { z } from 'zod';
import { isAppError, type AppError } from '../../platform/errors';
import { formErrors, fromFieldErrors, safeNext } from '../../platform/http';
import {
  ForgotPasswordForm,
  ResetPasswordForm,
  SignInForm,
  SignUpForm,
  TotpForm,
} from './accounts.schemas';
import { PasswordRejected, type AccountsService, type RequestContext } from './accounts.service';
import type { AuditModule } from '../audit';

const V = 'modules/accounts/views';
const body = (req: FastifyRequest) => (req.body ?? {}) as Record<string, unknown>;
const ctxOf = (req: FastifyRequest): RequestContext => ({ ip: req.ip, lang: req.lang });
/** Values to show again after an error: never the password fields. */
const keep = (b: Record<string, unknown>, fields: string[]) =>
  Object.fromEntries(fields.map((f) => [f, typeof b[f] === 'string' ? b[f] : '']));

/** An expected refusal becomes an error on the form; anything else goes to the error handler. */
function refusal(
  e: unknown,
  req: FastifyRequest,
  field: string,
): ReturnType<typeof fromFieldErrors> {
  if (e instanceof PasswordRejected) {
    return fromFieldErrors({
      [field]: e.problems.map((p) => req.t(`accounts.password.${p}`)).join(' '),
    });
  }
  if (isAppError(e) && e.kind !== 'internal' && e.kind !== 'unavailable') {
    return fromFieldErrors({ [field]: req.t(`accounts.error.${(e as AppError).code}`) });
  }
  throw e;
}

function statusFor(e: unknown): number {
  return isAppError(e) && e.kind === 'rate_limited' ? 429 : 400;
}

/** A notice another module shows on the account page (e.g. a renewal reminder), translated. */
export type AccountNoticeSource = (
  accountId: string,
  t: FastifyRequest['t'],
) => Promise<{ title: string; text: string; href: string; linkText: string }[]>;

export function accountPages(
  service: AccountsService,
  audit: AuditModule,
  formsPerMinute: number,
  noticeSources: readonly AccountNoticeSource[] = [],
) {
  const publicRoute = { config: { access: { who: 'public' as const } } };
  /** Sign-in forms are what bots hammer: a tighter limit per client on top of the global one. */
  const guarded = {
    config: {
      access: { who: 'public' as const },
      rateLimit: { max: formsPerMinute, timeWindow: 60_000 },
    },
  };

  return async (app: FastifyInstance) => {
    const render = (reply: FastifyReply, view: string, data: Record<string, unknown>) =>
      reply.page(`${V}/${view}.njk`, data);
    const parse = <T extends z.ZodType>(schema: T, req: FastifyRequest) =>
      schema.safeParse(body(req));

    // --- sign-up and e-mail verification ---
    app.get('/sign-up', publicRoute, (req, reply) =>
      render(reply, 'sign-up', { title: req.t('accounts.signUp.title') }),
    );
    app.post('/sign-up', guarded, async (req, reply) => {
      const title = req.t('accounts.signUp.title');
      const values = keep(body(req), ['displayName', 'email']);
      const form = parse(SignUpForm, req);
      if (!form.success)
        return render(reply.status(400), 'sign-up', {
          title,
          values,
          ...formErrors(form.error, req.t),
        });
      try {
        await service.signUp(form.data, ctxOf(req));
      } catch (e) {
        return render(reply.status(400), 'sign-up', {
          title,
          values,
          ...refusal(e, req, 'password'),
        });
      }
      return render(reply, 'check-email', {
        title: req.t('accounts.checkEmail.title'),
        email: form.data.email,
        reason: 'signUp',
      });
    });
    app.get('/verify-email', publicRoute, async (req, reply) => {
      const token = (req.query as Record<string, unknown>).token;
      try {
        if (typeof token !== 'string' || token.length > 100) throw new Error('no token');
        await service.verifyEmail(token, ctxOf(req));
      } catch {
        return render(reply.status(400), 'link-invalid', {
          title: req.t('accounts.linkInvalid.title'),
        });
      }
      req.ensureSession().data.flash = 'accounts.verified.flash';
      return reply.redirect('/sign-in');
    });

    // --- sign-in, second factor, sign-out ---
    app.get('/sign-in', publicRoute, (req, reply) =>
      render(reply, 'sign-in', {
        title: req.t('accounts.signIn.title'),
        next: safeNext((req.query as Record<string, unknown>).next, ''),
      }),
    );
    app.post('/sign-in', guarded, async (req, reply) => {
      const title = req.t('accounts.signIn.title');
      const values = keep(body(req), ['email']);
      const next = safeNext(body(req).next, '');
      const form = parse(SignInForm, req);
      if (!form.success)
        return render(reply.status(400), 'sign-in', {
          title,
          values,
          next,
          ...formErrors(form.error, req.t),
        });
      try {
        const { account, needsSecondFactor } = await service.signIn(form.data, ctxOf(req));
        if (needsSecondFactor) {
          req.rotateSession(null).data.mfaAccountId = account.id;
          return reply.redirect(`/sign-in/mfa${next ? `?next=${encodeURIComponent(next)}` : ''}`);
        }
        const s = req.rotateSession(account.id);
        s.data.lang = req.lang;
        return reply.redirect(safeNext(next, '/account'));
      } catch (e) {
        return render(reply.status(statusFor(e)), 'sign-in', {
          title,
          values,
          next,
          ...refusal(e, req, 'email'),
        });
      }
    });

    const mfaPage = async (req: FastifyRequest, reply: FastifyReply, extra: object = {}) => {
      const accountId = req.session?.data.mfaAccountId;
      if (!accountId) return reply.redirect('/sign-in');
      const enrolment = await service.totpEnrolment(accountId);
      const qr = enrolment
        ? await QRCode.toDataURL(enrolment.uri, { margin: 1, width: 240 })
        : null;
      return render(reply, 'mfa', {
        title: req.t(enrolment ? 'accounts.mfa.enrolTitle' : 'accounts.mfa.title'),
        enrolment: enrolment
          ? { secret: enrolment.secret.replace(/(.{4})/g, '$1 ').trim(), qr }
          : null,
        next: safeNext((req.query as Record<string, unknown>).next ?? body(req).next, ''),
        ...extra,
      });
    };
    app.get('/sign-in/mfa', publicRoute, (req, reply) => mfaPage(req, reply));
    app.post('/sign-in/mfa', guarded, async (req, reply) => {
      const accountId = req.session?.data.mfaAccountId;
      if (!accountId) return reply.redirect('/sign-in');
      const form = parse(TotpForm, req);
      if (!form.success) return mfaPage(req, reply.status(400), formErrors(form.error, req.t));
      try {
        const account = await service.passSecondFactor(accountId, form.data.code, ctxOf(req));
        const s = req.rotateSession(account.id);
        delete s.data.mfaAccountId;
        s.data.mfaPassed = true;
        return reply.redirect(safeNext(body(req).next, '/workbench'));
      } catch (e) {
        return mfaPage(req, reply.status(statusFor(e)), refusal(e, req, 'code'));
      }
    });
    app.post('/sign-out', { config: { access: { who: 'public' } } }, async (req, reply) => {
      await service.recordSignOut(req.principal, req.ip);
      req.destroySession();
      return reply.redirect('/?signedOut=1');
    });

    // --- password reset ---
    app.get('/password/forgot', publicRoute, (req, reply) =>
      render(reply, 'forgot', { title: req.t('accounts.forgot.title') }),
    );
    app.post('/password/forgot', guarded, async (req, reply) => {
      const form = parse(ForgotPasswordForm, req);
      if (!form.success) {
        return render(reply.status(400), 'forgot', {
          title: req.t('accounts.forgot.title'),
          values: keep(body(req), ['email']),
          ...formErrors(form.error, req.t),
        });
      }
      await service.requestPasswordReset(form.data.email, ctxOf(req));
      return render(reply, 'check-email', {
        title: req.t('accounts.checkEmail.title'),
        email: form.data.email,
        reason: 'reset',
      });
    });
    app.get('/password/reset', publicRoute, (req, reply) => {
      const token = (req.query as Record<string, unknown>).token;
      if (typeof token !== 'string' || token.length < 10 || token.length > 100) {
        return render(reply.status(400), 'link-invalid', {
          title: req.t('accounts.linkInvalid.title'),
        });
      }
      return render(reply, 'reset', { title: req.t('accounts.reset.title'), token });
    });
    app.post('/password/reset', guarded, async (req, reply) => {
      const title = req.t('accounts.reset.title');
      const token = typeof body(req).token === 'string' ? body(req).token : '';
      const form = parse(ResetPasswordForm, req);
      if (!form.success)
        return render(reply.status(400), 'reset', {
          title,
          token,
          ...formErrors(form.error, req.t),
        });
      try {
        await service.resetPassword(form.data.token, form.data.password, ctxOf(req));
      } catch (e) {
        if (isAppError(e) && e.code === 'TOKEN_INVALID')
          return render(reply.status(400), 'link-invalid', {
            title: req.t('accounts.linkInvalid.title'),
          });
        return render(reply.status(400), 'reset', { title, token, ...refusal(e, req, 'password') });
      }
      req.ensureSession().data.flash = 'accounts.reset.flash';
      return reply.redirect('/sign-in');
    });

    // --- the applicant's own account ---
    app.get('/account', { config: { access: { who: 'applicant' } } }, async (req, reply) => {
      const p = req.principal;
      if (p.kind !== 'applicant') return reply.redirect('/sign-in');
      await audit.recordRead({
        actor: p,
        subject: { kind: 'account', id: p.accountId },
        purpose: 'own-account',
        fields: ['email', 'displayName'],
        ip: req.ip,
      });
      return render(reply, 'account', {
        title: req.t('accounts.account.title'),
        account: { email: p.email, displayName: p.displayName },
        notices: (await Promise.all(noticeSources.map((n) => n(p.accountId, req.t)))).flat(),
      });
    });
  };
}
