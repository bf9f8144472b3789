import type { FastifyInstance } from 'fastify';
import type { Clock, Ids } from '../../platform/clock';
import type { Db } from '../../platform/db';
import type { JobQueue } from '../../platform/jobs';
import type { AuditModule } from '../audit';
import type { MayOpenCase } from './access';
import { loadCriteria, type TriageCriteria } from './criteria';
import { triagePages } from './triage.pages';
import { createTriageRepository } from './triage.repository';
import { createTriageService, TRIAGE_PURGE_JOB, type TriageService } from './triage.service';

export type { MayOpenCase } from './access';

/** Daily at 03:20 UTC: the log of closed cases is purged once its retention has passed. */
export const TRIAGE_PURGE_CRON = '20 3 * * *';

export interface TriageDeps {
  db: Db;
  clock: Clock;
  ids: Ids;
  jobs: JobQueue;
  audit: AuditModule;
  /** Branch isolation for the override form (the cases module's rule, wired by the app). */
  mayOpen: MayOpenCase;
  /** Criteria versions; read (and validated) from content/lt/triage/criteria/ when not given. */
  criteria?: readonly TriageCriteria[];
}

/**
 * Triage (issue 8): `service` runs and logs triage for the pipeline and serves oversight;
 * `routes` are the override form, the kill switch and the reports. The criteria are validated
 * here, at start-up (TRIAGE_CRITERIA_INVALID stops the app).
 */
export function createTriageModule(deps: TriageDeps) {
  const criteria = deps.criteria ?? loadCriteria();
  const service: TriageService = createTriageService({
    ...deps,
    repo: createTriageRepository(deps.db),
    criteria,
  });
  deps.jobs.register(TRIAGE_PURGE_JOB, async () => {
    await service.purge();
  });
  deps.jobs.schedule(TRIAGE_PURGE_JOB, TRIAGE_PURGE_CRON);
  return {
    service,
    criteria,
    routes: async (app: FastifyInstance) => {
      await app.register(triagePages({ service, mayOpen: deps.mayOpen, clock: deps.clock }));
    },
  };
}

export type TriageModule = ReturnType<typeof createTriageModule>;
