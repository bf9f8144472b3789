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
/** The first try of all of a case's checks in one job (retries then go per register). */
export const CHECK_CASE_JOB = 'registries.check-case';
export const POLL_JOB = 'registries.poll';
/** Every 15 minutes: asks the asynchronous register (VSD) for answers that are due. */
export const POLL_CRON = '*/15 * * * *';

export interface CheckJob {
  caseId: string;
  registry: RegistryId;
}

export interface CheckCaseJob {
  caseId: string;
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
   * pile failures up): the check is marked retrying and a job for that register alone comes back
   * after a backoff.
   */
  async function markFailed(trx: AnyTransaction, row: RegistryCheckRow, error: string, now: Date) {
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
      { caseId: row.case_id, registry: row.registry } satisfies CheckJob,
      {
        singletonKey: singletonKey(row.case_id, row.registry),
        startAfter: new Date(now.getTime() + wait),
      },
    );
  }

  const warnFailed = (row: RegistryCheckRow, error: string) =>
    deps.logger.warn(
      { caseId: row.case_id, registry: row.registry, error },
      'registry check failed; retrying later',
    );

  async function failed(row: RegistryCheckRow, e: unknown): Promise<void> {
    const error = describeFailure(e);
    const now = deps.clock.now();
    await db.transaction().execute((trx) => markFailed(trx, row, error, now));
    warnFailed(row, error);
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

  type Tried =
    | { row: RegistryCheckRow; answer: RegistryAnswer }
    | { row: RegistryCheckRow; ack: { ticket: string; expectedBy: Date } }
    | { row: RegistryCheckRow; error: string };

  /**
   * The first try of every check of a case not asked yet, in one job: the registers are called at
   * the same time, outside any transaction, each through its own breaker; what they said is
   * stored in one transaction (answers, acknowledgements of the asynchronous VSD, failures). A
   * register that fails is marked retrying and retried alone by its own `registries.check` job,
   * so an outage delays only the checks that need that register.
   */
  async function runCase(caseId: string): Promise<void> {
    const rows = (await repo.list(caseId)).filter((r) => r.state === 'waiting' && !r.ticket);
    if (rows.length === 0) return;
    const tried = await Promise.all(
      rows.map(async (row): Promise<Tried> => {
        const port = deps.ports[row.registry];
        try {
          return port.kind === 'sync'
            ? {
                row,
                answer: await deps.resilience.execute(row.registry, (s) =>
                  port.check(row.subject, s),
                ),
              }
            : {
                row,
                ack: await deps.resilience.execute(row.registry, (s) =>
                  port.submit(row.subject, s),
                ),
              };
        } catch (e) {
          return { row, error: describeFailure(e) };
        }
      }),
    );
    const now = deps.clock.now();
    await db.transaction().execute(async (trx) => {
      const answers = tried.flatMap((t) =>
        'answer' in t ? [{ registry: t.row.registry, answer: t.answer }] : [],
      );
      const stored = new Set(await repo.answerMany(trx, caseId, answers, now));
      for (const a of answers) {
        if (!stored.has(a.registry)) continue; // answered by an earlier run of the same job
        await auditChecked(trx, caseId, {
          registry: a.registry,
          step: 'answered',
          outcome: a.answer.outcome,
        });
      }
      for (const t of tried) {
        if ('ack' in t) await repo.acknowledge(trx, caseId, t.row.registry, t.ack, now);
        else if ('error' in t) await markFailed(trx, t.row, t.error, now);
      }
      for (const a of answers) {
        if (!stored.has(a.registry)) continue;
        for (const l of listeners) await l(caseId, a.registry, trx);
      }
    });
    for (const t of tried) if ('error' in t) warnFailed(t.row, t.error);
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
      const existing = await repo.list(caseId, trx);
      const have = new Set(existing.map((r) => r.registry));
      const missing = [...new Set(registries)].filter((r) => !have.has(r));
      if (missing.length === 0) return existing.map(toCheck);
      const inserted = await repo.insertMissing(
        trx,
        missing.map((registry) => ({ id: deps.ids.uuid(), caseId, registry, subject })),
        deps.clock.now(),
      );
      // One job tries all of the case's new checks; a waiting one takes the later ones too.
      if (inserted.length > 0)
        await deps.jobs.enqueue(trx, CHECK_CASE_JOB, { caseId } satisfies CheckCaseJob, {
          singletonKey: caseId,
        });
      for (const r of inserted)
        await auditChecked(trx, caseId, { registry: r.registry, step: 'requested' });
      return [...existing, ...inserted]
        .sort(
          (a, b) =>
            a.requested_at.getTime() - b.requested_at.getTime() ||
            (a.registry < b.registry ? -1 : a.registry > b.registry ? 1 : 0),
        )
        .map(toCheck);
    },

    async checksOf(caseId, trx) {
      return (await repo.list(caseId, trx)).map(toCheck);
    },

    onAnswered(listener) {
      listeners.push(listener);
    },
  };

  return { service, runCheck, runCase, pollDue };
}
