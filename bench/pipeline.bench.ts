import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildApp } from '../src/app/build-app';
import { createContext } from '../src/app/context';
import { drivenJobs } from '../src/app/processing.test-support';
import { measureEstimateError } from '../src/modules/estimates';
import { labelledPdf } from '../src/platform/pdf';
import { checkMetrics, progress, type Benchmark } from './bench';
import { benchConfig } from './app-config';
import { openBenchDatabase } from './database';

const YEAR_OF_FOREIGNER_APPLICATIONS = 150_000;
const GIVEN = [
  'Oleksandr',
  'Priya',
  'Aliaksandr',
  'Marie',
  'Jonas',
  'Luca',
  'Eva',
  'Nguyen',
  'Amina',
  'Carlos',
];
const SURNAMES = [
  'Kovalenko',
  'Sharma',
  'Ivanou',
  'Dubois',
  'Berg',
  'Rossi',
  'Novak',
  'Tran',
  'Haddad',
  'Garcia',
];

const EU_CERTIFICATE = 'eu-temporary-residence-certificate';

/** An earlier record of the person in the persons register (same document, same state). */
async function knownToRegister(
  app: Awaited<ReturnType<typeof buildApp>>,
  answers: Record<string, string>,
  i: number,
) {
  await app.modules.persons.service.matchRecord({
    sourceKind: 'import',
    sourceId: `bench-${i}`,
    sourceLabel: null,
    givenNames: answers['given-names']!,
    surname: answers.surname!,
    dateOfBirth: answers['date-of-birth']!,
    sex: null,
    nationality: answers.nationality!,
    documentNumber: answers['travel-document-number']!,
    documentState: answers.nationality!,
    documentType: 'passport',
    documentValidUntil: null,
    placeOfBirth: null,
  });
}

/** The i-th synthetic application: permits on work grounds (five registers) and EU certificates. */
function applicant(i: number) {
  const work = i % 5 < 3;
  const year = 1960 + (i % 45);
  return {
    serviceId: work ? 'temporary-residence-permit' : EU_CERTIFICATE,
    groundId: 'work',
    answers: {
      'given-names': GIVEN[i % GIVEN.length]!,
      surname: `${SURNAMES[Math.floor(i / GIVEN.length) % SURNAMES.length]!}${Math.floor(i / 100) || ''}`,
      'date-of-birth': `${year}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
      nationality: work ? 'UKR' : 'FRA',
      'travel-document-number': `BN${String(100000 + i)}`,
      'application-kind': 'first',
    },
  };
}

/**
 * Submitted applications through the whole pipeline (identity, registry checks, rules, triage,
 * routing; a case's synchronous registers in one `registries.check-case` job, then one re-run
 * after their answers) with the simulators answering at once, jobs run by one worker on PGlite
 * (one connection) and by eight on PostgreSQL. The applications are made in set-up, not timed. The
 * asynchronous VSD acknowledges and waits (its answers come days later, by the poll job), so
 * permits end in "waiting for VSD", as they would on the day. Also prints the decision date
 * estimate's error on a simulated year (estimates module).
 */
export const pipelineBenchmark: Benchmark = {
  async run({ engine, quick, env }) {
    const n = quick ? 40 : 600;
    // PGlite is one connection: more workers only queue behind it. PostgreSQL takes 8 at once.
    const workers = engine === 'postgres' ? 8 : 1;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vartai-bench-pipeline-'));
    const database = await openBenchDatabase(engine, env);
    const config = benchConfig(dataDir, { SEED_DEMO: 'false', REGISTRIES_SIM_LATENCY_MS: '0' });
    const driven = drivenJobs();
    try {
      progress('building the app');
      const ctx = await createContext(config, { database, jobs: driven.jobs });
      const app = await buildApp(ctx);
      progress(`submitting ${n} applications (set-up, not timed)`);
      const submittedAt = ctx.clock.now();
      // Documents are uploaded by an account (documents.account_id): a demo applicant's.
      await app.modules.accounts.seedDemo();
      const uploader = (await app.modules.accounts.repo.findByEmail('priya.sharma@vartai.demo'))!;
      const scan = await labelledPdf({
        lang: 'en',
        authority: 'Vartai bench',
        title: 'Scanned document',
        rows: [['Page', '1']],
      });
      for (let i = 0; i < n; i++) {
        const a = applicant(i);
        const owner = ctx.ids.uuid();
        // EU citizens known to the register (an earlier record), with their documents attached:
        // their certificates are routine and get a prepared grant, as in the Department's year.
        if (a.serviceId === EU_CERTIFICATE) await knownToRegister(app, a.answers, i);
        await app.modules.applications.seedDemo(
          [{ ownerAccountId: owner, submittedAt, ...a }],
          async (row, trx) => {
            if (a.serviceId !== EU_CERTIFICATE) return;
            for (const documentType of ['identity-document', 'ground-proof'])
              await app.modules.documents.service.store(
                {
                  owner: { kind: 'application', id: row.id },
                  uploadedBy: {
                    kind: 'applicant',
                    accountId: uploader.id,
                    email: uploader.email,
                    displayName: uploader.display_name,
                  },
                  documentType,
                  fileName: `${documentType}.pdf`,
                  bytes: scan,
                },
                trx,
              );
          },
        );
      }
      const jobsAtStart = driven.waiting.length;
      progress(`running the pipeline (${jobsAtStart} jobs waiting)`);
      let jobs = 0;
      const t0 = performance.now();
      for (let pass = 0; pass < 20 && driven.waiting.length > 0; pass++)
        jobs += await driven.runOnce(workers);
      const seconds = (performance.now() - t0) / 1000;
      for (const [name, t] of driven.timings)
        progress(`${name}: ${t.count} jobs, ${(t.ms / t.count).toFixed(1)} ms each`);
      const tiers = await app.modules.cases.repo.db
        .selectFrom('cases')
        .select(['triage_tier' as never])
        .execute();
      const count = (t: string) =>
        tiers.filter((r) => (r as Record<string, unknown>).triage_tier === t).length;
      progress('measuring the decision date estimate on a simulated year');
      const estimate = measureEstimateError({ seed: 8, ...(quick ? { days: 90 } : {}) });
      await app.server.close();
      await app.modules.audit.flush();
      const perSecond = n / seconds;
      return {
        name: 'pipeline',
        engine,
        params: { applications: n, quick, registryLatencyMs: 0, workers },
        metrics: checkMetrics({
          applications_per_s: perSecond,
          jobs_per_s: jobs / seconds,
          jobs_count: jobs,
          projected_150k_minutes: YEAR_OF_FOREIGNER_APPLICATIONS / perSecond / 60,
          routine_count: count('routine'),
          standard_count: count('standard'),
          enhanced_count: count('enhanced'),
          estimate_mae_days: estimate.medianAbsErrorDays,
          estimate_mean_abs_error_days: estimate.meanAbsErrorDays,
          estimate_within_range_ratio: estimate.withinRangeShare,
          estimate_cases_count: estimate.cases,
        }),
      };
    } finally {
      await database.close().catch(() => {});
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
