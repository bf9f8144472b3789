import type { AnyTransaction, Db } from '../../../platform/db';
import type { Language } from '../../../platform/i18n';
import type { CataloguePort, Texts } from '../applications.ports';
import type { ApplicationsRepository } from '../applications.repository';
import type { SubmittedJob } from '../applications.service';

export interface Recipient {
  email: string;
  name: string;
  lang: Language;
}

/** "Application received", as the notifications module takes it (a port, adapted in src/app). */
export interface ReceivedNotice {
  event: 'application-received';
  accountId: string;
  applicationId: string;
  about: string;
  path: string;
  values: { reference: string; service: Texts | string };
  at?: Date | undefined;
}
export type NotifyReceived = (notice: ReceivedNotice, trx: AnyTransaction) => Promise<unknown>;

/**
 * Tells the person who filed an application that it was received, with its reference number, in
 * their account and by e-mail (and SMS with consent), through the notifications module. The
 * notification is dated at the submission and made once per application: a retry does nothing.
 */
export function submittedJob(deps: {
  db: Db;
  repo: ApplicationsRepository;
  catalogue: CataloguePort;
  notify: NotifyReceived;
}) {
  return async (data: SubmittedJob): Promise<void> => {
    const row = await deps.repo.find(data.applicationId);
    if (!row?.reference || !row.filed_by_account_id) return;
    const notice: ReceivedNotice = {
      event: 'application-received',
      accountId: row.filed_by_account_id,
      applicationId: row.id,
      about: row.id,
      path: `/applications/${row.id}`,
      values: {
        reference: row.reference,
        service: deps.catalogue.serviceName(row.service_id) ?? row.service_id,
      },
      at: row.submitted_at ?? undefined,
    };
    await deps.db.transaction().execute((trx) => deps.notify(notice, trx));
  };
}
