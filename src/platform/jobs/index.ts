import PgBoss from 'pg-boss';
import { executeInTransaction, type AnyTransaction, type Database } from '../db';
import type { Logger } from '../log';

export interface JobContext {
  id: string;
  name: string;
  retryCount: number;
}

export type JobHandler<T> = (data: T, job: JobContext) => Promise<void>;

export interface EnqueueOptions {
  /** Business key: a second enqueue with the same key while the first waits is dropped. */
  singletonKey?: string;
  startAfter?: Date;
  retryLimit?: number;
}

export interface JobQueue {
  /** Declares a job type; handlers must be idempotent (pg-boss retries after crashes). */
  register<T extends object>(name: string, handler: JobHandler<T>): void;
  /**
   * Enqueues inside the caller's transaction (outbox): the job exists exactly when the business
   * change commits. Pass `null` only for work that has no transaction of its own.
   */
  enqueue(
    trx: AnyTransaction | null,
    name: string,
    data: object,
    opts?: EnqueueOptions,
  ): Promise<void>;
  /** Runs a registered job on a cron schedule (UTC) in whichever worker process is polling. */
  schedule(name: string, cron: string): void;
  /** Installs pg-boss's schema and, when `work` is true, starts polling the registered queues. */
  start(opts: { work: boolean }): Promise<void>;
  stop(): Promise<void>;
  /** Jobs of a queue in a given state (tests, metrics). */
  count(name: string): Promise<number>;
}

export function createJobQueue(database: Database, logger: Logger): JobQueue {
  const handlers = new Map<string, JobHandler<object>>();
  const schedules = new Map<string, string>();
  let started = false;
  // Created at start, because only working processes should run pg-boss's cron monitor.
  let boss: PgBoss = create(false);

  function create(schedule: boolean): PgBoss {
    const b = new PgBoss({
      db: { executeSql: (text, values) => database.executeSql(text, values) },
      schema: 'pgboss',
      migrate: true,
      schedule,
      supervise: true,
      retryLimit: 5,
      retryBackoff: true,
    });
    b.on('error', (err) => logger.error({ err }, 'job queue error'));
    return b;
  }

  return {
    register(name, handler) {
      handlers.set(name, handler as JobHandler<object>);
    },
    async enqueue(trx, name, data, opts = {}) {
      if (!handlers.has(name)) throw new Error(`Unknown job type ${name}`);
      const options: PgBoss.SendOptions = {
        ...(opts.singletonKey ? { singletonKey: opts.singletonKey } : {}),
        ...(opts.startAfter ? { startAfter: opts.startAfter } : {}),
        ...(opts.retryLimit !== undefined ? { retryLimit: opts.retryLimit } : {}),
        ...(trx
          ? {
              db: {
                executeSql: (text: string, values: unknown[]) =>
                  executeInTransaction(trx, text, values),
              },
            }
          : {}),
      };
      await boss.send(name, data, options);
    },
    schedule(name, cron) {
      schedules.set(name, cron);
    },
    async start({ work }) {
      if (started) return;
      boss = create(work && schedules.size > 0);
      await boss.start();
      started = true;
      for (const [name, handler] of handlers) {
        await boss.createQueue(name);
        if (!work) continue;
        await boss.work<object>(
          name,
          { pollingIntervalSeconds: 1, batchSize: 1, includeMetadata: true },
          async (jobs) => {
            for (const job of jobs) {
              await handler(job.data, { id: job.id, name: job.name, retryCount: job.retryCount });
            }
          },
        );
      }
      if (work) {
        for (const [name, cron] of schedules) await boss.schedule(name, cron, {}, { tz: 'UTC' });
      }
      if (work) logger.info({ queues: [...handlers.keys()] }, 'job workers started');
    },
    async stop() {
      if (!started) return;
      started = false;
      await boss.stop({ graceful: true, wait: true, timeout: 5000 });
    },
    count: (name) => boss.getQueueSize(name),
  };
}
