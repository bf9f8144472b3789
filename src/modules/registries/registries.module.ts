import type { Clock, Ids } from '../../platform/clock';
import type { Config } from '../../platform/config';
import type { Db } from '../../platform/db';
import type { JobQueue } from '../../platform/jobs';
import type { Logger } from '../../platform/log';
import type { AuditModule } from '../audit';
import type { HolidayRules } from '../catalogue';
import { loadRegistriesPack, type RegistriesPack } from './registries.pack';
import { createRegistriesRepository } from './registries.repository';
import {
  CHECK_CASE_JOB,
  CHECK_JOB,
  POLL_CRON,
  POLL_JOB,
  createRegistriesService,
  type CheckCaseJob,
  type CheckJob,
} from './registries.service';
import { REGISTRY_IDS, type RegistryId, type RegistryPort } from './registries.types';
import {
  DEFAULT_RESILIENCE,
  createResilience,
  type RegistryResilience,
  type ResiliencePolicyOptions,
} from './resilience';
import { createRegistrySimulators } from './simulators';

export const REGISTRIES_JOBS = {
  checkCase: CHECK_CASE_JOB,
  check: CHECK_JOB,
  poll: POLL_JOB,
  pollCron: POLL_CRON,
} as const;

export interface RegistriesOptions {
  /** Key of the simulators' synthetic population. */
  seed: string;
  latencyMs: number;
  errorRate: number;
  timeoutRate: number;
  outage: RegistryId[];
  resilience: ResiliencePolicyOptions;
  /** Backoff of a failed check's next job: first wait, doubling, up to the cap. */
  retryBaseMs: number;
  retryCapMs: number;
}

export const DEFAULT_REGISTRIES_OPTIONS: RegistriesOptions = {
  seed: 'vartai-registries',
  latencyMs: 20,
  errorRate: 0,
  timeoutRate: 0,
  outage: [],
  resilience: DEFAULT_RESILIENCE,
  retryBaseMs: 30_000,
  retryCapMs: 15 * 60_000,
};

/** The module's options from the REGISTRIES_* configuration (docs/configuration.md). */
export function registriesOptionsFromConfig(config: Config): RegistriesOptions {
  return {
    ...DEFAULT_REGISTRIES_OPTIONS,
    seed: config.REGISTRIES_SIM_SEED,
    latencyMs: config.REGISTRIES_SIM_LATENCY_MS,
    errorRate: config.REGISTRIES_SIM_ERROR_RATE,
    timeoutRate: config.REGISTRIES_SIM_TIMEOUT_RATE,
    outage: config.REGISTRIES_OUTAGE.split(',')
      .map((s) => s.trim())
      .filter((s): s is RegistryId => (REGISTRY_IDS as readonly string[]).includes(s)),
    resilience: {
      ...DEFAULT_RESILIENCE,
      timeoutMs: config.REGISTRIES_TIMEOUT_MS,
      breakerFailures: config.REGISTRIES_BREAKER_FAILURES,
      halfOpenAfterMs: config.REGISTRIES_BREAKER_HALF_OPEN_SECONDS * 1000,
    },
    retryCapMs: config.REGISTRIES_RETRY_CAP_MINUTES * 60_000,
  };
}

export interface RegistriesDeps {
  db: Db;
  clock: Clock;
  ids: Ids;
  jobs: JobQueue;
  audit: AuditModule;
  logger: Logger;
  options?: Partial<RegistriesOptions>;
  /** Real adapters replacing simulators, per register; the simulators answer for the rest. */
  ports?: Partial<Record<RegistryId, RegistryPort>>;
  pack?: RegistriesPack;
  /** The catalogue pack's holidays (`pack.holidays`), for the VSD's working days. */
  holidays?: HolidayRules;
}

/**
 * Registry checks: the pack (validated here, so a broken one stops start-up), the simulators,
 * one circuit breaker per register, the jobs `registries.check-case` (the first try of a case's
 * checks, all in one job), `registries.check` (a retry of one register of a case) and
 * `registries.poll` (every 15 minutes, answers of the asynchronous VSD).
 */
export function createRegistriesModule(deps: RegistriesDeps) {
  const options = { ...DEFAULT_REGISTRIES_OPTIONS, ...deps.options };
  const pack = deps.pack ?? loadRegistriesPack();
  const simulators = createRegistrySimulators({
    ...options,
    clock: deps.clock,
    ...(deps.holidays ? { holidays: deps.holidays } : {}),
  });
  const ports = { ...simulators.ports, ...deps.ports } as Record<RegistryId, RegistryPort>;
  const resilience: RegistryResilience = createResilience(options.resilience);
  const repo = createRegistriesRepository(deps.db);
  const { service, runCheck, runCase, pollDue } = createRegistriesService({
    ...deps,
    repo,
    pack,
    ports,
    resilience,
    retryBaseMs: options.retryBaseMs,
    retryCapMs: options.retryCapMs,
  });
  deps.jobs.register<CheckCaseJob>(CHECK_CASE_JOB, (data) => runCase(data.caseId));
  deps.jobs.register<CheckJob>(CHECK_JOB, (data) => runCheck(data.caseId, data.registry));
  deps.jobs.register(POLL_JOB, async () => {
    await pollDue();
  });
  deps.jobs.schedule(POLL_JOB, POLL_CRON);
  return { service, simulators, resilience, pack, runCheck, runCase, pollDue };
}
export type RegistriesModule = ReturnType<typeof createRegistriesModule>;
