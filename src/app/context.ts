import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomIds, systemClock, type Clock, type Ids } from '../platform/clock';
import type { Config } from '../platform/config';
import { openDatabase, type Database } from '../platform/db';
import { createI18n, type I18n } from '../platform/i18n';
import { createJobQueue, type JobQueue } from '../platform/jobs';
import { createLogger, type Logger } from '../platform/log';
import { createMail, type MailPort } from '../platform/mail';
import { createLocalStorage, type StoragePort } from '../platform/storage';

/** The repository root (two folders above this file), where migrations/ and content/ live. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const MIGRATIONS_DIR = path.join(ROOT, 'migrations');
export const MESSAGES_DIR = path.join(ROOT, 'content', 'messages');

/** Everything the modules need from the outside world, created once per process. */
export interface AppContext {
  config: Config;
  logger: Logger;
  database: Database;
  clock: Clock;
  ids: Ids;
  mail: MailPort;
  storage: StoragePort;
  jobs: JobQueue;
  i18n: I18n;
}

export interface ContextOverrides {
  database?: Database;
  clock?: Clock;
  ids?: Ids;
  logger?: Logger;
  mail?: MailPort;
  /** A job queue of the caller's (tests that run jobs themselves, the pipeline bench). */
  jobs?: JobQueue;
}

export async function createContext(
  config: Config,
  overrides: ContextOverrides = {},
): Promise<AppContext> {
  const logger = overrides.logger ?? createLogger(config.LOG_LEVEL);
  const database =
    overrides.database ??
    (await openDatabase({
      url: config.DATABASE_URL,
      dataDir: path.join(config.DATA_DIR, 'pglite'),
      poolMax: config.DATABASE_POOL_MAX,
      statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
    }));
  return {
    config,
    logger,
    database,
    clock: overrides.clock ?? systemClock,
    ids: overrides.ids ?? randomIds,
    mail:
      overrides.mail ??
      createMail({
        smtpUrl: config.SMTP_URL,
        from: config.MAIL_FROM,
        outboxDir: path.join(config.DATA_DIR, 'outbox'),
        logger,
      }),
    storage: createLocalStorage(config.storageDir),
    jobs: overrides.jobs ?? createJobQueue(database, logger),
    i18n: createI18n(MESSAGES_DIR),
  };
}
