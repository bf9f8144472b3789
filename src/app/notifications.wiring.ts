import path from 'node:path';
import type { AccountsModule } from '../modules/accounts';
import type { InformationRequestsModule, NoticeValue } from '../modules/cases';
import type { NotificationsPorts } from '../modules/notifications';
import type { AnyTransaction } from '../platform/db';
import type { Config } from '../platform/config';
import type { Logger } from '../platform/log';
import { createSms, type SmsPort } from '../platform/sms';

/** The SMS gateway in SMS_URL, or the development outbox in DATA_DIR/sms-outbox. */
export function smsFrom(config: Config, logger: Logger): SmsPort {
  return createSms({
    url: config.SMS_URL,
    outboxDir: path.join(config.DATA_DIR, 'sms-outbox'),
    logger,
  });
}

/**
 * The rest of Vartai as notifications see it: the account's name and language (read in the
 * notifying transaction: on PGlite a read outside it would wait for it forever), its e-mail
 * address, and the requests for information due soon (made after the notifications module,
 * hence a getter).
 */
export function notificationPortsFrom(
  accounts: AccountsModule,
  requests: () => Pick<InformationRequestsModule, 'openRequestsDue'>,
): NotificationsPorts {
  return {
    accountOf: async (accountId: string, trx: AnyTransaction) => {
      const a = await accounts.repo.findById(accountId, trx);
      return a ? { name: a.display_name, lang: a.preferred_lang } : undefined;
    },
    emailOf: async (accountId) => (await accounts.repo.findById(accountId))?.email,
    openRequestsDue: (from, to) => requests().openRequestsDue(from, to),
  };
}

/** A branch as the applicant reads it: its name and address in each language, by its code. */
export function branchNamesFrom(accounts: AccountsModule) {
  return async (code: string): Promise<NoticeValue | undefined> => {
    const b = code ? await accounts.repo.findBranchByCode(code) : undefined;
    if (!b) return undefined;
    return Object.fromEntries(
      Object.entries(b.names).map(([lang, name]) => [lang, `${name}, ${b.address}`]),
    );
  };
}
