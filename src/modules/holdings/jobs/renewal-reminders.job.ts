import type { HoldingsService } from '../holdings.service';

export const REMINDERS_JOB = 'holdings.renewal-reminders';
/** Daily at 05:00 UTC (07:00 or 08:00 in Vilnius), in whichever worker polls the schedule. */
export const REMINDERS_CRON = '0 5 * * *';

/** Sends the renewal reminders due today; safe to run twice or concurrently. */
export function renewalRemindersJob(service: HoldingsService) {
  return async (): Promise<void> => {
    await service.sendRenewalReminders();
  };
}
