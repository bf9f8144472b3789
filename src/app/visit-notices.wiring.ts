import type { VisitNoticePorts } from '../modules/appointments';
import type { ApplicationsModule } from '../modules/applications';
import type { NotificationsModule } from '../modules/notifications';
import type { PartnersModule } from '../modules/partners';

/**
 * What notices of visits need: notifications tell the holder (in booking's transaction, once per
 * event and appointment or offer), the applications module gives the reference (read in that
 * transaction: on PGlite a read outside it would wait for it), and a partner whose desk holds a
 * booking hears by webhook.
 */
export function visitNoticePortsFrom(
  notifications: Pick<NotificationsModule, 'notify'>,
  applications: Pick<ApplicationsModule, 'referenceOf'>,
  partners: Pick<PartnersModule, 'notifyPartner'>,
): VisitNoticePorts {
  return {
    notify: (notice, trx) => notifications.notify(notice, trx),
    applicationReference: (applicationId, trx) => applications.referenceOf(applicationId, trx),
    notifyPartner: (partnerId, event, trx) => partners.notifyPartner(partnerId, event, trx),
  };
}
