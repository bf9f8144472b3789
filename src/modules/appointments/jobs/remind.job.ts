import type { Clock } from '../../../platform/clock';
import type { Db } from '../../../platform/db';
import { addCalendarDays, localDate } from '../../catalogue';
import type { AppointmentRow, SlotRow } from '../appointments.repository';
import { vilniusInstant } from '../calendar';
import type { BranchesPack } from '../calendar.pack';
import { visitPath, visitValues, type VisitNoticePorts } from '../visit.notices';

/** Reminds tomorrow's visits: daily at 15:00 UTC (17:00 or 18:00 in Vilnius, the evening before). */
export const REMIND_JOB = 'appointments.remind';
export const REMIND_CRON = '0 15 * * *';

type Tables = { appointments: AppointmentRow; appointment_slots: SlotRow };

/**
 * Every visit still booked that starts on the next Vilnius calendar day gets one `visit-reminder`
 * (the dedupe key is the appointment), so the job may run twice, late or on two workers. Each is
 * re-read locked in its own transaction: a visit cancelled or moved meanwhile is not reminded.
 * Partners' desks remind their own applicants. Returns how many reminders it made.
 */
export function remindTomorrow(d: {
  db: Db;
  clock: Clock;
  pack: BranchesPack;
  publicUrl: string;
  /** Without notices (tests of booking alone) nobody is reminded. */
  ports: VisitNoticePorts | undefined;
}) {
  const q = d.db.withTables<Tables>();
  return async (): Promise<number> => {
    const ports = d.ports;
    if (!ports) return 0;
    const tomorrow = addCalendarDays(localDate(d.clock.now()), 1);
    const due = await q
      .selectFrom('appointments as a')
      .innerJoin('appointment_slots as s', 's.id', 'a.slot_id')
      .select(['a.id'])
      .where('a.state', '=', 'booked')
      .where('a.holder_kind', '=', 'account')
      .where('s.starts_at', '>=', vilniusInstant(tomorrow, '00:00'))
      .where('s.starts_at', '<', vilniusInstant(addCalendarDays(tomorrow, 1), '00:00'))
      .orderBy('s.starts_at')
      .execute();
    let made = 0;
    for (const { id } of due) {
      const r = await d.db.transaction().execute(async (trx) => {
        const t = trx.withTables<Tables>();
        const a = await t
          .selectFrom('appointments')
          .selectAll()
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirst();
        if (a?.state !== 'booked') return undefined;
        const slot = await t
          .selectFrom('appointment_slots')
          .selectAll()
          .where('id', '=', a.slot_id)
          .executeTakeFirstOrThrow();
        const reference =
          (await ports.applicationReference(a.application_id, trx)) ?? a.application_id;
        return ports.notify(
          {
            event: 'visit-reminder',
            accountId: a.account_id,
            applicationId: a.application_id,
            about: a.id,
            path: visitPath(a.application_id),
            values: visitValues(d, a.application_id, reference, slot),
          },
          trx,
        );
      });
      if (r && r.created) made += 1;
    }
    return made;
  };
}
