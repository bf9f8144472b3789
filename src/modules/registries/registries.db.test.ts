import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../app/context';
import { fixedClock, randomIds } from '../../platform/clock';
import type { AnyTransaction } from '../../platform/db';
import type { EnqueueOptions, JobQueue } from '../../platform/jobs';
import { createLogger } from '../../platform/log';
import { createTestDatabase, recordingJobs, type TestDatabase } from '../../platform/testing';
import { createAuditModule } from '../audit';
import { DEMO_REGISTRY_HITS, createRegistriesModule, type RegistriesModule } from './index';
import type { RegistryId } from './registries.types';
import { subject } from './registries.test-support';

/**
 * Registry checks on a database: requested once per case and register, answered by jobs, an
 * outage delays only the register that is down (retrying, then answered once it is back), the
 * VSD answers when its date comes, and the listener hears each answer once.
 */
const clock = fixedClock('2026-12-01T09:00:00Z'); // a Tuesday
let db: TestDatabase;
let registries: RegistriesModule;
const rec = recordingJobs();
const enqueued: { name: string; data: object; opts: EnqueueOptions | undefined }[] = [];
const jobs = {
  ...rec.jobs,
  enqueue: async (
    trx: AnyTransaction | null,
    name: string,
    data: object,
    opts?: EnqueueOptions,
  ) => {
    enqueued.push({ name, data, opts });
    await rec.jobs.enqueue(trx, name, data, opts);
  },
} as JobQueue;
const heard: string[] = [];

async function newCase(): Promise<string> {
  const id = randomUUID();
  await sql`insert into cases (id, application_id, service_id, ground_id, status, opened_at)
    values (${id}, ${randomUUID()}, 'temporary-residence-permit', 'work', 'submitted', ${clock.now()})`.execute(
    db.db,
  );
  return id;
}

const request = (caseId: string, registries_: RegistryId[], s = subject()) =>
  db.db.transaction().execute((trx) => registries.service.request(caseId, s, registries_, trx));

/** Runs the jobs waiting now once (not the ones they queue: a job re-queued after a failure waits). */
async function runRound() {
  const round = rec.queued.splice(0);
  for (const j of round) await rec.handlers.get(j.name)!(j.data);
  return round.length;
}

const stateOf = async (caseId: string) =>
  Object.fromEntries(
    (await registries.service.checksOf(caseId)).map((c) => [
      c.registry,
      c.state + ':' + (c.outcome ?? ''),
    ]),
  );

beforeAll(async () => {
  db = await createTestDatabase(MIGRATIONS_DIR);
  const audit = createAuditModule({ db: db.db, clock });
  registries = createRegistriesModule({
    db: db.db,
    clock,
    ids: randomIds,
    jobs,
    audit,
    logger: createLogger('silent'),
    options: {
      latencyMs: 0,
      resilience: {
        timeoutMs: 5_000,
        retries: 0,
        retryInitialDelayMs: 1,
        retryMaxDelayMs: 1,
        breakerFailures: 50,
        halfOpenAfterMs: 60_000,
      },
    },
  });
  registries.service.onAnswered(async (caseId, registry, trx) => {
    // In the answer's transaction: the answer is visible to the listener.
    const row = await sql<{ state: string }>`select state from registry_checks
      where case_id = ${caseId} and registry = ${registry}`.execute(trx);
    heard.push(`${caseId}:${registry}:${row.rows[0]?.state}`);
  });
});
afterAll(async () => {
  await db?.close();
});

describe('registry checks', () => {
  it('are requested once per case and register, with one job for the case in the same transaction', async () => {
    const caseId = await newCase();
    enqueued.length = 0;
    const first = await request(caseId, ['sis', 'wanted', 'sis']);
    const second = await request(caseId, ['sis', 'wanted', 'sodra']);
    const third = await request(caseId, ['sis']);
    // A job whenever something new was inserted; nothing new, no job.
    expect(enqueued.map((e) => [e.name, e.data])).toEqual([
      ['registries.check-case', { caseId }],
      ['registries.check-case', { caseId }],
    ]);
    expect(enqueued[0]!.opts?.singletonKey).toBe(caseId);
    // Each request gives the case's checks after it, as checksOf does.
    expect(first.map((c) => c.registry).sort()).toEqual(['sis', 'wanted']);
    expect(second.map((c) => c.registry).sort()).toEqual(['sis', 'sodra', 'wanted']);
    expect(third).toEqual(await registries.service.checksOf(caseId));
    expect(await stateOf(caseId)).toEqual({
      sis: 'waiting:',
      wanted: 'waiting:',
      sodra: 'waiting:',
    });
    await runRound();
  });

  it('are answered by their jobs, each answer heard once', async () => {
    const caseId = await newCase();
    const hit = DEMO_REGISTRY_HITS.find((h) => h.registry === 'sis')!;
    await request(caseId, ['sis', 'employment'], subject({ ...hit, employerCode: null }));
    heard.length = 0;
    await runRound();
    const checks = await registries.service.checksOf(caseId);
    expect(checks.find((c) => c.registry === 'sis')).toMatchObject({
      state: 'answered',
      outcome: 'hit',
      reasonCode: 'sis-entry-ban-alert',
      attempts: 0,
    });
    expect(checks.every((c) => c.answeredAt !== null)).toBe(true);
    expect(heard.sort()).toEqual([`${caseId}:employment:answered`, `${caseId}:sis:answered`]);
    // A repeated job (pg-boss retries after a crash) neither asks again nor fires again.
    await registries.runCheck(caseId, 'sis');
    await registries.runCase(caseId);
    expect(heard).toHaveLength(2);
    const audit = await sql<{ n: number }>`select count(*)::int as n from (
        select details from audit_pending where action = 'registries.checked' and subject_id = ${caseId}
        union all select details from audit_log where action = 'registries.checked' and subject_id = ${caseId}) a`.execute(
      db.db,
    );
    expect(audit.rows[0]!.n).toBe(4); // two requests, two answers
  });

  it('wait out an outage as retrying, other registers and cases carry on, then answer', async () => {
    const a = await newCase();
    const b = await newCase();
    registries.simulators.setOutage('sodra', true);
    await request(a, ['sodra', 'sis']);
    await request(b, ['wanted']);
    heard.length = 0;
    enqueued.length = 0;
    await runRound();
    expect(await stateOf(a)).toEqual({ sodra: 'retrying:', sis: 'answered:clear' });
    expect(await stateOf(b)).toEqual({ wanted: 'answered:clear' });
    const sodra = (await registries.service.checksOf(a)).find((c) => c.registry === 'sodra')!;
    expect(sodra).toMatchObject({ attempts: 1, lastError: expect.stringMatching(/unavailable/) });
    // The job came back later under the same key instead of failing.
    expect(enqueued).toHaveLength(1);
    expect(enqueued[0]!.opts?.singletonKey).toBe(`${a}:sodra`);
    expect(enqueued[0]!.opts!.startAfter!.getTime()).toBeGreaterThan(clock.now().getTime());

    await runRound(); // still down
    expect(
      (await registries.service.checksOf(a)).find((c) => c.registry === 'sodra'),
    ).toMatchObject({ state: 'retrying', attempts: 2 });
    registries.simulators.setOutage('sodra', false);
    await runRound();
    expect(await stateOf(a)).toEqual({ sodra: 'answered:confirmed', sis: 'answered:clear' });
    expect(heard.filter((h) => h.startsWith(`${a}:sodra`))).toEqual([`${a}:sodra:answered`]);
    expect(rec.queued).toHaveLength(0);
  });

  it('get the VSD opinion when its date comes, through the poll', async () => {
    const caseId = await newCase();
    await request(caseId, ['vsd']);
    await runRound();
    const [waiting] = await registries.service.checksOf(caseId);
    expect(waiting).toMatchObject({ state: 'waiting', outcome: null });
    expect(waiting!.expectedBy!.getTime()).toBeGreaterThan(clock.now().getTime());
    heard.length = 0;
    expect(await registries.pollDue()).toBe(0);

    clock.set(waiting!.expectedBy!);
    expect(await registries.pollDue()).toBe(1);
    const [answered] = await registries.service.checksOf(caseId);
    expect(answered).toMatchObject({ state: 'answered', outcome: 'clear' });
    expect(heard).toEqual([`${caseId}:vsd:answered`]);
    expect(await registries.pollDue()).toBe(0);
  });
});
