import type { Clock } from '../../../platform/clock';
import type { Db } from '../../../platform/db';
import { addCalendarDays, localDate } from '../../catalogue';
import type { NotificationPack } from '../notifications.pack';
import type { NotificationsPorts, NotificationsService } from '../notifications.service';

export const DUE_SOON_JOB = 'notifications.information-due-soon';
/** Daily at 05:00 UTC (07:00 or 08:00 in Vilnius), in whichever worker polls the schedule. */
export const DUE_SOON_CRON = '0 5 * * *';

/**
 * The applicant's own deadline: every unanswered request for information due from today to
 * `dueSoonDays` days ahead is reminded once (the dedupe key is the request), to the person who was
 * told of the request, at the same page. A request told of today waits for tomorrow's run, so
 * nobody gets the request and its reminder on the same day. Safe to run twice or concurrently.
 * Returns how many reminders it made.
 */
export function remindDueSoon(d: {
  db: Db;
  clock: Clock;
  pack: NotificationPack;
  service: Pick<NotificationsService, 'notify' | 'toldAbout'>;
  ports: Pick<NotificationsPorts, 'openRequestsDue'>;
}) {
  return async (): Promise<number> => {
    const today = localDate(d.clock.now());
    const due = await d.ports.openRequestsDue(today, addCalendarDays(today, d.pack.dueSoonDays));
    let made = 0;
    for (const r of due) {
      const told = await d.service.toldAbout('information-requested', r.requestId);
      if (!told || localDate(told.created_at) >= today) continue;
      const result = await d.db.transaction().execute((trx) =>
        d.service.notify(
          {
            event: 'information-due-soon',
            accountId: told.account_id,
            applicationId: r.applicationId,
            about: r.requestId,
            path: told.link,
            values: { dueOn: { date: r.dueOn } },
          },
          trx,
        ),
      );
      if (result?.created) made += 1;
    }
    return made;
  };
}
