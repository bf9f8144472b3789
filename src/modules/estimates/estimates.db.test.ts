import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../app/context';
import { fixedClock } from '../../platform/clock';
import type { AppError } from '../../platform/errors';
import { createTestDatabase, type TestDatabase } from '../../platform/testing';
import { createEstimatesModule, type EstimatesModule, type PendingRegistryAnswer } from './index';

/**
 * `forCase` on a real database: decisions per Vilnius working day of the case's own service, the
 * place in line in the queue's order (suspended and decided cases and other services left out),
 * an open request for information, and the registries port. Rows are written directly: opening
 * and deciding cases through the lifecycle is tested by the cases module. Every test uses a
 * service of its own, so tests do not see each other's cases.
 */
const clock = fixedClock('2027-03-10T09:00:00Z'); // Wednesday
let db: TestDatabase;
let estimates: EstimatesModule;
const pending = new Map<string, PendingRegistryAnswer[]>();

async function insertCase(
  serviceId: string,
  c: { status?: string; deadline?: string | null; openedAt?: string } = {},
): Promise<string> {
  const id = randomUUID();
  await sql`insert into cases (id, application_id, service_id, status, deadline_on, opened_at)
    values (${id}::uuid, ${randomUUID()}::uuid, ${serviceId}, ${c.status ?? 'in-examination'},
      ${c.deadline ?? null}::date, ${c.openedAt ?? '2027-02-01T10:00:00Z'}::timestamptz)`.execute(
    db.db,
  );
  return id;
}

/** A case of the service decided at `at` (a direct decision, or approved by a second officer). */
async function decided(serviceId: string, at: string, kind = 'decided') {
  const id = await insertCase(serviceId, { status: 'granted' });
  await sql`insert into case_actions (case_id, seq, at, kind, actor_kind)
    values (${id}::uuid, 1, ${at}::timestamptz, ${kind}, 'staff')`.execute(db.db);
  return id;
}

beforeAll(async () => {
  db = await createTestDatabase(MIGRATIONS_DIR);
  estimates = createEstimatesModule({
    db: db.db,
    clock,
    holidays: { fixed: [], easterOffsets: [] },
    ports: { pendingRegistries: async (caseId) => pending.get(caseId) ?? [] },
  });
});
afterAll(async () => {
  await db?.close();
});

describe('forCase', () => {
  it('counts the service decisions per working day and the cases ahead in line', async () => {
    const svc = `svc-${randomUUID()}`;
    // Two decisions on each of the 10 working days 24 Feb – 9 Mar, one of them four-eyes.
    for (let d = 0; d < 14; d += 1) {
      const day = new Date(Date.UTC(2027, 1, 24 + d));
      if (day.getUTCDay() === 0 || day.getUTCDay() === 6) continue;
      const iso = day.toISOString().slice(0, 10);
      await decided(svc, `${iso}T08:00:00Z`);
      await decided(svc, `${iso}T12:00:00Z`, d === 0 ? 'decision-approved' : 'decided');
    }
    // 22:30 UTC on Monday is 00:30 on Tuesday in Vilnius: it counts for Tuesday 9 March.
    await decided(svc, '2027-03-08T22:30:00Z');
    // Today's decisions are not counted (the day is not over); another service's never.
    await decided(svc, '2027-03-10T08:00:00Z');
    await decided(`other-${svc}`, '2027-03-09T08:00:00Z');

    await insertCase(svc, { deadline: '2027-04-01' });
    await insertCase(svc, { deadline: '2027-04-20', status: 'accepted' });
    await insertCase(svc, { deadline: '2027-04-30', openedAt: '2027-01-31T10:00:00Z' }); // same day, earlier
    await insertCase(svc, { deadline: '2027-04-02', status: 'information-requested' });
    await insertCase(`other-${svc}`, { deadline: '2027-04-01' });
    await insertCase(svc, { deadline: '2027-05-30' }); // behind
    await insertCase(svc, { deadline: null }); // no term yet: at the end of the line
    const me = await insertCase(svc, { deadline: '2027-04-30' });

    const e = await estimates.service.forCase(me);
    expect(e.kind).toBe('estimate');
    if (e.kind !== 'estimate') return;
    expect(e.today).toBe('2027-03-10');
    expect(e.input?.queueAhead).toBe(3);
    const pace = e.input?.dailyThroughput ?? [];
    expect(pace).toHaveLength(40);
    expect(pace.reduce((s, n) => s + n, 0)).toBe(21);
    expect(pace.at(-1)).toBe(3); // Tuesday 9 March: two, plus the one just after midnight
    expect(e.estimate.legalDeadline).toBe('2027-04-30');
    expect(e.estimate.basis.queueAhead).toBe(3);
    expect(e.estimate.deadline).toBe('within');
  });

  it('reads an open request for information and the registries still waiting', async () => {
    const svc = `svc-${randomUUID()}`;
    // A pace of one a day on average: the queue alone would let the case be decided today.
    for (let i = 0; i < 40; i += 1) await decided(svc, '2027-03-09T08:00:00Z');
    const me = await insertCase(svc, { deadline: '2027-04-30', status: 'information-requested' });
    await sql`insert into information_requests (id, case_id, seq, items, due_on, requested_by, requested_at)
      values (${randomUUID()}::uuid, ${me}::uuid, 1, '[]'::jsonb, '2027-03-24'::date,
        ${randomUUID()}::uuid, '2027-03-08T09:00:00Z'::timestamptz)`.execute(db.db);
    pending.set(me, [
      { registry: 'vsd', expectedBy: new Date('2027-03-18T10:00:00Z') },
      { registry: 'sodra', expectedBy: null },
    ]);
    const e = await estimates.service.forCase(me);
    if (e.kind !== 'estimate') throw new Error(`expected an estimate, got ${JSON.stringify(e)}`);
    expect(e.input?.suspended).toEqual({ since: '2027-03-08', dueOn: '2027-03-24' });
    expect(e.input?.pendingRegistryUntil).toBe('2027-03-18');
    expect(e.estimate.basis.waitingFor).toEqual(['registries', 'information']);
    expect(e.estimate.from).toBe('2027-03-18');
    expect(e.estimate.to).toBe('2027-03-24');
  });

  it('says why there is no estimate: no decisions lately, or the case is decided', async () => {
    const svc = `svc-${randomUUID()}`;
    await decided(svc, '2026-10-01T08:00:00Z'); // long before the 40-day window
    const me = await insertCase(svc, { deadline: '2027-04-30' });
    expect(await estimates.service.forCase(me)).toMatchObject({
      kind: 'none',
      reason: 'no-decisions-lately',
    });
    const done = await decided(svc, '2027-03-09T08:00:00Z');
    expect(await estimates.service.forCase(done)).toMatchObject({
      kind: 'none',
      reason: 'decided',
    });
    const withdrawn = await insertCase(svc, { status: 'withdrawn' });
    expect(await estimates.service.forCase(withdrawn)).toMatchObject({ reason: 'closed' });
  });

  it('refuses an unknown case with a stable code', async () => {
    await expect(estimates.service.forCase(randomUUID())).rejects.toSatisfy(
      (e: AppError) => e.code === 'ESTIMATE_CASE_NOT_FOUND',
    );
  });
});
