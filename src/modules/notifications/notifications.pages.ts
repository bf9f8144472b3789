import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formErrors } from '../../platform/http';
import { ContactPreferencesForm } from './notifications.schemas';
import type { NotificationsService } from './notifications.service';

const V = 'modules/notifications/views';
const PREFERENCES = '/account/contact-preferences';
const applicant = { config: { access: { who: 'applicant' as const } } };
const body = (req: FastifyRequest) => (req.body ?? {}) as Record<string, unknown>;

/** The applicant's inbox, one notification, and the mobile number with SMS consent. */
export function notificationPages(service: NotificationsService, formsPerMinute: number) {
  /** The form changes personal data: a tighter limit per client, as on the account forms. */
  const guarded = {
    config: {
      access: { who: 'applicant' as const },
      rateLimit: { max: formsPerMinute, timeWindow: 60_000 },
    },
  };

  return async (app: FastifyInstance) => {
    app.get('/account/notifications', applicant, async (req, reply) =>
      reply.page(`${V}/inbox.njk`, {
        title: req.t('notifications.inbox.title'),
        items: await service.inbox(req.principal, req.ip),
      }),
    );

    app.get('/account/notifications/:id', applicant, async (req, reply) => {
      const id = String((req.params as Record<string, string>).id ?? '');
      const n = await service.open(id, req.principal, req.ip);
      return reply.page(`${V}/notification.njk`, {
        title: n.subject,
        notification: n,
        // Paragraphs and lines as written (a contact centre message keeps its line breaks).
        paragraphs: n.body.split(/\n{2,}/).map((p) => p.split('\n')),
        linkText: req.t(`notifications.link.${n.event}`),
      });
    });

    const preferencesPage = (reply: FastifyReply, req: FastifyRequest, data: object) =>
      reply.page(`${V}/contact-preferences.njk`, {
        title: req.t('notifications.preferences.title'),
        ...data,
      });

    app.get(PREFERENCES, applicant, async (req, reply) => {
      const current = await service.preferences(req.principal, req.ip);
      return preferencesPage(reply, req, {
        values: { mobileNumber: current.mobileNumber ?? '', smsConsent: current.smsConsent },
      });
    });

    app.post(PREFERENCES, guarded, async (req, reply) => {
      const form = ContactPreferencesForm.safeParse(body(req));
      if (!form.success) {
        const b = body(req);
        return preferencesPage(reply.status(400), req, {
          values: {
            mobileNumber: typeof b.mobileNumber === 'string' ? b.mobileNumber : '',
            smsConsent: b.smsConsent === 'yes',
          },
          ...formErrors(form.error, req.t),
        });
      }
      const changed = await service.savePreferences(
        req.principal,
        {
          mobileNumber: form.data.mobileNumber || null,
          smsConsent: form.data.smsConsent === 'yes',
        },
        req.ip,
      );
      req.ensureSession().data.flash = changed
        ? 'notifications.preferences.saved'
        : 'notifications.preferences.unchanged';
      return reply.redirect(PREFERENCES);
    });
  };
}
