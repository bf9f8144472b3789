import { performance } from 'node:perf_hooks';
import type { ApplicationsModule } from '../modules/applications';
import type { DocumentsModule } from '../modules/documents';
import { labelledPdf } from '../platform/pdf';
import type { Clock } from '../platform/clock';
import type { EnqueueOptions, JobQueue } from '../platform/jobs';
import { startTestApp, type TestApp } from './test-app';

interface Waiting {
  name: string;
  data: object;
  key: string | undefined;
}

/**
 * A job queue the test drives: jobs wait until `run` is called, a singleton key drops a second
 * waiting job with the same key (as pg-boss does), and `run` takes one pass over what waits, so a
 * job that puts itself back (a registry retrying through an outage) waits for the next pass.
 */
export function drivenJobs() {
  const waiting: Waiting[] = [];
  const handlers = new Map<string, (data: object) => Promise<void>>();
  const jobs: JobQueue = {
    register: (name, h) => void handlers.set(name, h as (data: object) => Promise<void>),
    async enqueue(_trx, name, data, opts: EnqueueOptions = {}) {
      if (!handlers.has(name)) throw new Error(`Unknown job type ${name}`);
      const key = opts.singletonKey ? `${name}:${opts.singletonKey}` : undefined;
      if (key && waiting.some((w) => w.key === key)) return;
      waiting.push({ name, data, key });
    },
    schedule: () => undefined,
    start: async () => undefined,
    stop: async () => undefined,
    count: async (name) => waiting.filter((w) => w.name === name).length,
  };
  /** Jobs run and milliseconds spent per job name (the bench reports where time goes). */
  const timings = new Map<string, { count: number; ms: number }>();
  return {
    jobs,
    waiting,
    timings,
    /**
     * Runs what waits now, oldest first; what the jobs enqueue waits for the next pass. With
     * more than one worker, jobs of different cases run at the same time.
     */
    async runOnce(workers = 1): Promise<number> {
      const batch = waiting.splice(0, waiting.length);
      let next = 0;
      // `workers` lanes take the next job as each finishes, as that many pg-boss workers would.
      const lane = async () => {
        while (next < batch.length) {
          const w = batch[next++]!;
          const t0 = performance.now();
          await handlers.get(w.name)!(w.data);
          const spent = timings.get(w.name) ?? { count: 0, ms: 0 };
          timings.set(w.name, { count: spent.count + 1, ms: spent.ms + performance.now() - t0 });
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, workers) }, lane));
      return batch.length;
    },
    /** Passes until nothing waits, at most `passes` (an outage keeps re-enqueueing). */
    async run(passes = 10): Promise<void> {
      for (let i = 0; i < passes && waiting.length > 0; i++) await this.runOnce();
    },
    /** Runs a scheduled job once (the registries' VSD poll). */
    async runJob(name: string, data: object = {}): Promise<void> {
      await handlers.get(name)!(data);
    },
  };
}

/** The real application with jobs the test runs itself, simulators answering at once. */
export async function startPipelineApp(
  env: Record<string, string> = {},
  opts: { clock?: Clock } = {},
): Promise<TestApp & { driven: ReturnType<typeof drivenJobs> }> {
  const driven = drivenJobs();
  const app = await startTestApp(
    { REGISTRIES_SIM_LATENCY_MS: '0', ...env },
    { ...opts, jobs: driven.jobs },
  );
  return Object.assign(app, { driven });
}

export interface PipelineApplicant {
  given: string;
  surname: string;
  born: string;
  nationality: string;
  travelDocument: string;
  serviceId: string;
  groundId: string;
  answers?: Record<string, string>;
  /** Document types attached (a small PDF each), as the applicant would have before submitting. */
  documents?: string[];
}

/** A work-based permit applicant with no registry hit: every register answers clear or confirmed. */
export const WORK_PERMIT_APPLICANT: PipelineApplicant = {
  given: 'Jonas',
  surname: 'Berg',
  born: '1988-07-01',
  nationality: 'NOR',
  travelDocument: 'NO1234567',
  serviceId: 'temporary-residence-permit',
  groundId: 'work',
};

/** Submits an application as the demo data does (its case opens, the pipeline is enqueued). */
export async function submitFor(
  applications: ApplicationsModule,
  documents: Pick<DocumentsModule, 'service'>,
  ownerAccountId: string,
  a: PipelineApplicant,
  submittedAt: Date,
): Promise<string> {
  let id = '';
  await applications.seedDemo(
    [
      {
        ownerAccountId,
        serviceId: a.serviceId,
        groundId: a.groundId,
        submittedAt,
        answers: {
          'given-names': a.given,
          surname: a.surname,
          'date-of-birth': a.born,
          nationality: a.nationality,
          'travel-document-number': a.travelDocument,
          ...a.answers,
        },
      },
    ],
    async (row, trx) => {
      id = row.id;
      for (const documentType of a.documents ?? []) {
        const stored = await documents.service.store(
          {
            owner: { kind: 'application', id: row.id },
            uploadedBy: {
              kind: 'applicant',
              accountId: ownerAccountId,
              email: 'applicant@vartai.invalid',
              displayName: `${a.given} ${a.surname}`,
            },
            documentType,
            fileName: `${documentType}.pdf`,
            bytes: await labelledPdf({
              lang: 'en',
              authority: 'Vartai',
              title: documentType,
              rows: [['Holder', `${a.given} ${a.surname}`]],
            }),
          },
          trx,
        );
        if (!stored.ok) throw new Error(`document refused: ${stored.reason}`);
      }
    },
  );
  if (!id) throw new Error(`not submitted: ${a.serviceId} for ${a.surname}`);
  return id;
}
