import type { FastifyInstance } from 'fastify';
import type { Clock, Ids } from '../../platform/clock';
import type { Db } from '../../platform/db';
import type { I18n, Language } from '../../platform/i18n';
import type { JobQueue } from '../../platform/jobs';
import type { AuditModule } from '../audit';
import { preparedGrantPages } from './prepared-grant.pages';
import { createPreparedGrants, type PreparedGrantPorts } from './prepared-grant.service';
import { createProcessingRepository } from './processing.repository';
import { createProcessingService } from './processing.service';
import {
  PROCESSING_RUN_JOB,
  TRIGGERS,
  type PipelineApplication,
  type ProcessingPorts,
  type ProcessingRunJob,
} from './processing.types';

export interface ProcessingDeps<A extends PipelineApplication = PipelineApplication> {
  db: Db;
  clock: Clock;
  ids: Ids;
  jobs: JobQueue;
  i18n: I18n;
  audit: AuditModule;
  ports: ProcessingPorts<A>;
  grantPorts: PreparedGrantPorts;
  /** A grant ground's name and legal basis (letters pack). */
  groundText(id: string, lang: Language): string;
}

/** The automated pipeline, its job and the prepared grant's pages (issue 8). */
export function createProcessingModule<A extends PipelineApplication>(deps: ProcessingDeps<A>) {
  const repo = createProcessingRepository(deps.db);
  const service = createProcessingService({ ...deps, repo });
  const grants = createPreparedGrants({ ...deps, repo, ports: deps.grantPorts });
  deps.jobs.register<ProcessingRunJob>(PROCESSING_RUN_JOB, async (data) => {
    // A job from an older release with an unknown trigger still runs, as a repeat.
    const trigger = TRIGGERS.find((t) => t === data.trigger) ?? 'repeat';
    await service.run(data.caseId, trigger);
  });
  return {
    service,
    grants,
    repo,
    routes: async (app: FastifyInstance) => {
      await app.register(preparedGrantPages({ grants, groundText: deps.groundText }));
    },
  };
}

export type ProcessingModule = ReturnType<typeof createProcessingModule<PipelineApplication>>;
