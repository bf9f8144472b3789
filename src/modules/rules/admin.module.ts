import type { FastifyInstance } from 'fastify';
import type { Clock, Ids } from '../../platform/clock';
import type { Db } from '../../platform/db';
import type { JobQueue } from '../../platform/jobs';
import type { AuditModule } from '../audit';
import { DEFAULT_PACK_ROOT } from '../catalogue';
import { rulesAdminPages } from './admin.pages';
import type { CompiledRuleSet } from './engine/compile';
import type { ParameterResolver } from './engine/evaluate';
import { createImpactRepository } from './impact.repository';
import { createImpactService, type ImpactJob } from './impact.service';
import { IMPACT_JOB, impactJob } from './jobs/impact.job';
import { loadRuleSets } from './rules.pack';
import { createVersionsRepository } from './versions.repository';
import { createVersionsService } from './versions.service';

export interface RulesAdminDeps {
  db: Db;
  clock: Clock;
  ids: Ids;
  jobs: JobQueue;
  audit: AuditModule;
  resolve: ParameterResolver;
  /** The pack's rule sets; read from content/lt/rules/ when not given. */
  packSets?: CompiledRuleSet[];
  /** Open cases read per query by impact analyses. */
  impactPageSize?: number;
}

/**
 * Rules administration (issue 6): versions loaded through the workbench beside the pack's, and
 * impact analyses of them. `loadedSets` feeds the rule book the versions loaded here.
 */
export function createRulesAdminModule(deps: RulesAdminDeps) {
  const packSets = deps.packSets ?? loadRuleSets(DEFAULT_PACK_ROOT);
  const versions = createVersionsService({
    ...deps,
    repo: createVersionsRepository(deps.db),
    packSets,
  });
  const impact = createImpactService({
    ...deps,
    repo: createImpactRepository(deps.db),
    versions,
    ...(deps.impactPageSize ? { pageSize: deps.impactPageSize } : {}),
  });
  deps.jobs.register<ImpactJob>(IMPACT_JOB, impactJob(impact));
  return {
    versions,
    impact,
    /** The loaded versions not withdrawn, compiled (the rule book's `extraSets`). */
    loadedSets: versions.loadedSets,
    routes: async (app: FastifyInstance) => {
      await app.register(rulesAdminPages({ versions, impact, audit: deps.audit }));
    },
  };
}

export type RulesAdminModule = ReturnType<typeof createRulesAdminModule>;
