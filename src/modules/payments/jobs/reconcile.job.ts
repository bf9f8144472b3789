import type { PaymentsService } from '../payments.service';

export const RECONCILE_JOB = 'payments.reconcile';
/** Every five minutes, in whichever worker polls the schedule. */
export const RECONCILE_CRON = '*/5 * * * *';

/** Asks the provider about payments pending too long; safe to run twice or concurrently. */
export function reconcileJob(service: PaymentsService) {
  return async (): Promise<void> => {
    await service.reconcile();
  };
}
