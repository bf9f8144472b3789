import type { JobQueue } from '../jobs';

/**
 * For module tests without a worker: a job queue that keeps what is enqueued and runs it when
 * the test says, as the worker would once the enqueuing transactions have committed. Schedules
 * are ignored (the test calls the job itself).
 */
export function recordingJobs() {
  const queued: { name: string; data: object }[] = [];
  const handlers = new Map<string, (data: object) => Promise<void>>();
  const jobs = {
    register: (name: string, h: (data: object) => Promise<void>) => handlers.set(name, h),
    enqueue: async (_trx: unknown, name: string, data: object) => {
      queued.push({ name, data });
    },
    schedule: () => undefined,
  } as unknown as JobQueue;
  return {
    jobs,
    /** What is waiting, oldest first (tests may look at it or take from it). */
    queued,
    handlers,
    /** Runs everything queued, including what the jobs queue while running. */
    async drain() {
      while (queued.length > 0) {
        const job = queued.shift()!;
        await handlers.get(job.name)!(job.data);
      }
    },
  };
}
