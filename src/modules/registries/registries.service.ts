import { createHash } from 'node:crypto';
import type { Clock, Ids } from '../../platform/clock';
import type { AnyTransaction, Db } from '../../platform/db';
import type { JobQueue } from '../../platform/jobs';
import type { Logger } from '../../platform/log';
import type { AuditModule } from '../audit';
import { registriesErrors } from './errors';
import { registriesNeeded, type RegistriesPack } from './registries.pack';
import { toCheck, type RegistriesRepository, type RegistryCheckRow } from './registries.repository';
import {
  REGISTRY_IDS,
  type AnsweredListener,
  type RegistriesService,
  type RegistryAnswer,
  type RegistryId,
  type RegistryPort,
} from './registries.types';
import { describeFailure, type RegistryResilience } from './resilience';

export const CHECK_JOB = 'registries.check';
export const POLL_JOB = 'registries.poll';
/** Every 15 minutes: asks the asynchronous register (VSD) for answers that are due. */
export const POLL_CRON = '*/15 * * * *';

export interface CheckJob {
  caseId: string;
  registry: RegistryId;
}

export interface ServiceDeps {
  db: Db;
  clock: Clock;
  ids: Ids;
  jobs: JobQueue;
  audit: AuditModule;
  logger: Logger;
  repo: RegistriesRepository;
  pack: RegistriesPack;
  ports: Record<RegistryId, RegistryPort>;
  resilience: RegistryResilience;
  /** The wait before the first re-try of a failed check, doubling after, and its ceiling. */
  retryBaseMs: number;
  retryCapMs: number;
}

const SYSTEM = { kind: 'system' as const, id: 'registries' };
const singletonKey = (caseId: string, registry: RegistryId) => `${caseId}:${registry}`;

/**
 * The wait before the next try of a check after `attempts` failures: exponential, capped, with a
 * jitter (±20 %) drawn from the case so that checks failed together do not return together.
 */
export function retryDelayMs(attempts: number, key: string, base: number, cap: number): number {
  const exp = Math.min(cap, base * 2 ** Math.max(0, attempts - 1));
  const j = createHash('sha256').update(`${key}:${attempts}`).digest().readUInt16BE(0) / 65535;
  return Math.round(Math.min(cap, exp * (0.8 + 0.4 * j)));
}

export function createRegistriesService(deps: ServiceDeps) {
  const { db, repo } = deps;
  const listeners: AnsweredListener[] = [];

  const auditChecked = (
    trx: AnyTransaction,
    caseId: string,
    details: { registry: RegistryId; step: 'requested' | 'answered'; outcome?: string },
  ) =>
    deps.audit.record(
      {
        actor: SYSTEM,
        action: 'registries.checked',
        subject: { kind: 'case', id: caseId },
        details,
      },
      trx,
    );

  /** Stores an answer with its audit entry; the listeners run in the same transaction. */
  async function store(row: RegistryCheckRow, answer: RegistryAnswer): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const stored = await repo.answer(trx, row.case_id, row.registry, answer, deps.clock.now());
      if (!stored) return; // answered by an earlier run of the same job
      await auditChecked(trx, row.case_id, {
        registry: row.registry,
        step: 'answered',
        outcome: answer.outcome,
      });
      for (const l of listeners) await l(row.case_id, row.registry, trx);
    });
  }

  /**
   * A failure never fails the job (pg-boss would retry at its own pace, and a long outage would
   * pile failures up): the check is marked retrying and the job comes back after a backoff.
   */
  async function failed(row: RegistryCheckRow, e: unknown): Promise<void> {
    const error = describeFailure(e);
    const now = deps.clock.now();
    await db.transaction().execute(async (trx) => {
      const attempts = await repo.failed(trx, row.case_id, row.registry, error, now);
      if (attempts === undefined) return;
      const wait = retryDelayMs(
        attempts,
        singletonKey(row.case_id, row.registry),
        deps.retryBaseMs,
        deps.retryCapMs,
      );
      await deps.jobs.enqueue(
        trx,
        CHECK_JOB,
        { caseId: row.case_id, registry: row.registry },
        {
          singletonKey: singletonKey(row.case_id, row.registry),
          startAfter: new Date(now.getTime() + wait),
        },
      );
    });
    deps.logger.warn(
      { caseId: row.case_id, registry: row.registry, error },
      'registry check failed; retrying later',
    );
  }

  /**
   * One try of a check: the register is called outside any transaction (on PGlite a transaction
   * held open over a slow call would block every other writer), the result stored after.
   */
  async function runCheck(caseId: string, registry: RegistryId): Promise<void> {
    const row = await repo.find(caseId, registry);
    if (!row || row.state === 'answered') return;
    const port = deps.ports[registry];
    const exec = <T>(call: (signal: AbortSignal) => Promise<T>) =>
      deps.resilience.execute(registry, call);
    try {
      if (port.kind === 'sync') {
        await store(row, await exec((s) => port.check(row.subject, s)));
      } else if (!row.ticket) {
        const ack = await exec((s) => port.submit(row.subject, s));
        await db
          .transaction()
          .execute((trx) => repo.acknowledge(trx, caseId, registry, ack, deps.clock.now()));
      } else {
        const ticket = row.ticket;
        const answer = await exec((s) => port.collect(ticket, row.subject, s));
        if (answer) await store(row, answer);
        else if (row.state === 'retrying') {
          // Reached again after a failure but not ready yet: back to waiting for the poll.
          const ack = { ticket, expectedBy: row.expected_by ?? deps.clock.now() };
          await db
            .transaction()
            .execute((trx) => repo.acknowledge(trx, caseId, registry, ack, deps.clock.now()));
        }
      }
    } catch (e) {
      await failed(row, e);
    }
  }

  /** Asks the asynchronous register for the answers due; each stored on its own. */
  async function pollDue(limit = 500): Promise<number> {
    const due = await repo.due(deps.clock.now(), limit);
    for (const r of due) await runCheck(r.case_id, r.registry);
    return due.length;
  }

  const service: RegistriesService = {
    registriesFor: (serviceId, groundId) => registriesNeeded(deps.pack, serviceId, groundId),

    async request(caseId, subject, registries, trx) {
      for (const r of registries) {
        if (!(REGISTRY_IDS as readonly string[]).includes(r))
          throw registriesErrors.unknownRegistry(r);
      }
      const unique = [...new Set(registries)];
      const inserted = await repo.insertMissing(
        trx,
        unique.map((registry) => ({ id: deps.ids.uuid(), caseId, registry, subject })),
        deps.clock.now(),
      );
      for (const registry of inserted) {
        await deps.jobs.enqueue(trx, CHECK_JOB, { caseId, registry } satisfies CheckJob, {
          singletonKey: singletonKey(caseId, registry),
        });
        await auditChecked(trx, caseId, { registry, step: 'requested' });
      }
    },

    async checksOf(caseId, trx) {
      return (await repo.list(caseId, trx)).map(toCheck);
    },

    onAnswered(listener) {
      listeners.push(listener);
    },
  };

  return { service, runCheck, pollDue };
}
