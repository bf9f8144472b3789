import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../app/context';
import { fixedClock, randomIds } from '../../platform/clock';
import type { AnyTransaction } from '../../platform/db';
import { createTestDatabase, recordingJobs, type TestDatabase } from '../../platform/testing';
import { createAuditModule } from '../audit';
import { createTriageModule, type TriageModule } from './triage.module';
import { TRIAGE_PURGE_JOB, type StaffPrincipal } from './triage.service';
import type { TriageFeatures } from './triage.schemas';

/**
 * The AI Act log: every run logged with version, input reference, inputs and outcome; replay
 * gives the same tier; the switch turns triage off (standard, logged as switched off); an
 * officer's override is kept; the purge keeps runs until their retention passes.
 */
const clock = fixedClock('2026-12-07T09:00:00Z');
let db: TestDatabase;
let triage: TriageModule;
let jobs: ReturnType<typeof recordingJobs>;
const staff = (roles: string[]): StaffPrincipal => ({
  kind: 'staff',
  accountId: randomUUID(),
  email: 'x@vartai.demo',
  displayName: 'Staff',
  roles,
  branchId: null,
  mfaPassed: true,
});
const officer = staff(['officer']);
const admin = staff(['administrator']);

const clean = (): TriageFeatures => ({
  completeness: 'complete',
  eligibility: { met: 6, notMet: 0, cannotTell: 0 },
  registries: [
    { registry: 'sis', state: 'answered', outcome: 'clear' },
    { registry: 'sodra', state: 'answered', outcome: 'confirmed' },
  ],
  identity: 'linked',
  documents: { travelDocumentReadable: true, travelDocumentValidForPermit: true },
  inconsistencies: [],
});
const withHit = (): TriageFeatures => {
  const f = clean();
  f.registries[0]!.outcome = 'hit';
  return f;
};
const waiting = (): TriageFeatures => {
  const f = clean();
  f.registries.push({ registry: 'vsd', state: 'waiting', outcome: null });
  return f;
};
const tx = <T>(fn: (t: AnyTransaction) => Promise<T>) => db.db.transaction().execute(fn);
const actions = async (subject?: string) =>
  (
    await sql<{ action: string }>`select action from (
      select action, subject_id from audit_pending union all select action, subject_id from audit_log) a
      where ${subject ?? null}::text is null or subject_id = ${subject ?? null}`.execute(db.db)
  ).rows.map((r) => r.action);

beforeAll(async () => {
  db = await createTestDatabase(MIGRATIONS_DIR);
  jobs = recordingJobs();
  triage = createTriageModule({
    db: db.db,
    clock,
    ids: randomIds,
    jobs: jobs.jobs,
    audit: createAuditModule({ db: db.db, clock }),
    mayOpen: async () => true,
  });
});
afterAll(async () => {
  await db.close();
});

describe('triage service', () => {
  it('logs each run with seq, version, input reference and the features as read', async () => {
    const caseId = randomUUID();
    const first = await tx((t) =>
      triage.service.run(caseId, waiting(), 'rules-evaluation:e1;registry-checks:h1', t),
    );
    const second = await tx((t) =>
      triage.service.run(caseId, clean(), 'rules-evaluation:e1;registry-checks:h2', t),
    );
    expect(first).toMatchObject({
      caseId,
      seq: 1,
      tier: 'standard',
      criteriaVersion: '2026-12-01',
      switchedOff: false,
    });
    expect(first.decisive).toContain('registries-answered');
    expect(second).toMatchObject({
      seq: 2,
      tier: 'routine',
      inputRef: 'rules-evaluation:e1;registry-checks:h2',
    });
    expect(second.features).toEqual(clean());
    expect((await triage.service.latestFor(caseId))?.id).toBe(second.id);
    expect((await triage.service.runsOf(caseId)).map((r) => r.seq)).toEqual([1, 2]);
  });

  it('refuses features with a forbidden input, and logs nothing', async () => {
    const caseId = randomUUID();
    const bad = { ...clean(), nationality: 'BLR' } as unknown as TriageFeatures;
    await expect(tx((t) => triage.service.run(caseId, bad, 'x', t))).rejects.toMatchObject({
      code: 'TRIAGE_FEATURES_INVALID',
    });
    expect(await triage.service.latestFor(caseId)).toBeUndefined();
  });

  it('replays every tier to the same result on the logged version', async () => {
    const caseId = randomUUID();
    for (const f of [clean(), waiting(), withHit()]) {
      const run = await tx((t) => triage.service.run(caseId, f, 'replay', t));
      const again = await triage.service.replay(run.id);
      expect(again.same).toBe(true);
      expect(again.tier).toBe(run.tier);
    }
    expect(new Set((await triage.service.runsOf(caseId)).map((r) => r.tier))).toEqual(
      new Set(['routine', 'standard', 'enhanced']),
    );
  });

  it('keeps the log append-only: a run cannot be changed or deleted while the case is open', async () => {
    const run = await tx((t) => triage.service.run(randomUUID(), clean(), 'x', t));
    await expect(
      sql`update triage_runs set tier = 'enhanced' where id = ${run.id}`.execute(db.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from triage_runs where id = ${run.id}`.execute(db.db)).rejects.toThrow(
      /cannot be deleted/,
    );
  });

  it('records an officer disregarding the tier, audited; a reason is required', async () => {
    const caseId = randomUUID();
    const run = await tx((t) => triage.service.run(caseId, withHit(), 'x', t));
    await expect(triage.service.override(caseId, officer, '  ')).rejects.toMatchObject({
      code: 'TRIAGE_REASON_REQUIRED',
    });
    const o = await triage.service.override(caseId, officer, 'The SIS alert is about a namesake');
    expect(o).toMatchObject({ caseId, runId: run.id, officerId: officer.accountId });
    expect(await triage.service.overridesOf(caseId)).toHaveLength(1);
    expect(await actions(caseId)).toContain('triage.overridden');
    await expect(
      sql`delete from triage_overrides where id = ${o.id}`.execute(db.db),
    ).rejects.toThrow(/append-only/);
  });

  it('audits the read of a run for the panel (personal-data.read)', async () => {
    const caseId = randomUUID();
    await tx((t) => triage.service.run(caseId, clean(), 'x', t));
    expect((await triage.service.readFor(caseId, officer))?.caseId).toBe(caseId);
    expect(await actions(caseId)).toContain('personal-data.read');
  });

  it('switched off: every run is standard, logged as switched off; switched on again: triage runs', async () => {
    expect(await triage.service.enabled()).toBe(true);
    await triage.service.switchTo(false, admin, 'Criteria under review');
    expect(await triage.service.enabled()).toBe(false);
    const caseId = randomUUID();
    const off = await tx((t) => triage.service.run(caseId, withHit(), 'x', t));
    expect(off).toMatchObject({
      tier: 'standard',
      switchedOff: true,
      decisive: ['triage-switched-off'],
      contributions: [],
    });
    expect(await triage.service.replay(off.id)).toMatchObject({ same: true, tier: 'standard' });
    clock.advance(60_000);
    await triage.service.switchTo(true, admin, 'Review done');
    const on = await tx((t) => triage.service.run(caseId, withHit(), 'x', t));
    expect(on).toMatchObject({ tier: 'enhanced', switchedOff: false });
    expect((await triage.service.history()).map((h) => h.enabled)).toEqual([true, false]);
    const all = await actions();
    expect(all).toContain('triage.switched-off');
    expect(all).toContain('triage.switched-on');
  });

  it('counts runs and overrides per tier for the override report', async () => {
    clock.advance(1000);
    const from = clock.now();
    const a = randomUUID();
    const b = randomUUID();
    await tx((t) => triage.service.run(a, withHit(), 'x', t));
    await tx((t) => triage.service.run(b, withHit(), 'x', t));
    await tx((t) => triage.service.run(b, withHit(), 'x', t));
    await triage.service.override(a, officer, 'Namesake');
    clock.advance(1000);
    const tally = await triage.service.overrideReport(from, clock.now());
    expect(tally).toEqual([{ tier: 'enhanced', runs: 3, cases: 2, overridden: 1 }]);
  });

  it('purges a closed case six months after closing, never an open one', async () => {
    const closed = randomUUID();
    const open = randomUUID();
    const run = await tx((t) => triage.service.run(closed, withHit(), 'x', t));
    await triage.service.override(closed, officer, 'Namesake');
    await tx((t) => triage.service.run(open, clean(), 'x', t));
    await tx((t) => triage.service.caseClosed(closed, clock.now(), t));
    await expect(
      sql`update triage_runs set retain_until = now() where id = ${run.id}`.execute(db.db),
    ).rejects.toThrow(/append-only/);
    clock.advance(180 * 86_400_000);
    await jobs.handlers.get(TRIAGE_PURGE_JOB)!({});
    expect(await triage.service.runsOf(closed)).toHaveLength(1);
    clock.advance(4 * 86_400_000);
    await jobs.handlers.get(TRIAGE_PURGE_JOB)!({});
    expect(await triage.service.runsOf(closed)).toEqual([]);
    expect(await triage.service.overridesOf(closed)).toEqual([]);
    expect(await triage.service.runsOf(open)).toHaveLength(1);
  });
});
