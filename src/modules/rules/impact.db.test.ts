import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../app/context';
import { parameterResolverFrom } from '../../app/rules-parameters';
import { fixedClock, randomIds } from '../../platform/clock';
import type { Principal } from '../../platform/http';
import { createTestDatabase, recordingJobs, type TestDatabase } from '../../platform/testing';
import { createAuditModule } from '../audit';
import { createCatalogueModule } from '../catalogue';
import { createRulesAdminModule, type CheckChange, type RulesAdminModule } from './index';
import { insertSubmission, raisedSalaryThreshold } from './impact.test-support';

/**
 * Impact analysis (issue 6, "done when"): a new version of highly-qualified-salary raising the
 * general threshold from 1.5 to 1.7 × VDU, analysed over synthetic open cases around the
 * thresholds, lists exactly the cases whose outcome changes; closed cases are not read, cases
 * above the new threshold and other grounds stay, a bad input is counted, not fatal.
 */
const clock = fixedClock('2026-03-02T09:00:00Z');
const EFFECTIVE = '2026-04-01';
const TRP = 'temporary-residence-permit';
let db: TestDatabase;
let admin: RulesAdminModule;
let jobs: ReturnType<typeof recordingJobs>;
const author: Extract<Principal, { kind: 'staff' }> = {
  kind: 'staff',
  accountId: randomUUID(),
  email: 'rules@migracija.lt',
  displayName: 'Rules author',
  roles: ['rules'],
  branchId: null,
  mfaPassed: true,
};

const hq = (salary: number, shortage: boolean | null, over: Record<string, unknown> = {}) => ({
  service: TRP,
  ground: 'highly-qualified',
  applicationKind: 'first',
  documents: ['travel-document'],
  person: { birthDate: '1990-03-27', age: 35, nationality: 'IND', inLithuania: false },
  travelDocument: { validUntil: '2030-01-01', monthsValidAfterPermit: 10 },
  permit: { requestedMonths: 24, until: '2028-03-01' },
  employment: { monthlySalaryCents: salary, shortageOccupation: shortage },
  filedOn: '2026-02-01',
  ...over,
});

const cases: Record<string, string> = {};

beforeAll(async () => {
  db = await createTestDatabase(MIGRATIONS_DIR);
  jobs = recordingJobs();
  admin = createRulesAdminModule({
    db: db.db,
    clock,
    ids: randomIds,
    jobs: jobs.jobs,
    audit: createAuditModule({ db: db.db, clock }),
    resolve: parameterResolverFrom(createCatalogueModule({ clock })),
    // Small pages, so the analysis pages through the cases more than once.
    impactPageSize: 3,
  });
  const add = async (name: string, input: Record<string, unknown>, closed = false) => {
    cases[name] = await insertSubmission(db.db, input, { closed });
  };
  // 1.5 × VDU = 3 334.50 EUR, 1.7 × VDU = 3 779.10 EUR, 1.2 × VDU = 2 667.60 EUR (VDU 2 223 EUR).
  await add('between, not on the shortage list', hq(340_000, false));
  await add('between, shortage list unknown', hq(350_000, null));
  await add('exactly the new threshold', hq(377_910, false));
  await add('above the new threshold', hq(400_000, null));
  await add('below both general thresholds', hq(300_000, false));
  await add('shortage occupation', hq(280_000, true));
  await add('closed, would change', hq(340_000, false), true);
  await add('work ground', hq(340_000, false, { ground: 'work' }));
  await add('not a valid snapshot', hq(340_000, false, { person: { age: -1 } }));
  await add('a service without rules', { ...hq(340_000, false), service: 'no-such-service' });
});
afterAll(async () => {
  await db?.close();
});

const idsOf = (changes: CheckChange[], pick: (c: CheckChange) => boolean) =>
  [...new Set(changes.filter(pick).map((c) => c.applicationId))].sort();

describe('an impact analysis of a raised salary threshold', () => {
  it('lists exactly the affected synthetic cases', async () => {
    const text = raisedSalaryThreshold({ effectiveFrom: EFFECTIVE });
    const { set } = await admin.versions.validate(text, { proposal: true });
    const s = await admin.impact.analyse(set);
    expect(s.forDate).toBe(EFFECTIVE);
    expect(s.cases).toBe(9); // every open case, the closed one not read
    const changes = s.changes.filter((c): c is CheckChange => 'check' in c);
    const outcome = idsOf(changes, (c) => c.before !== c.after);
    expect(outcome).toEqual(
      [
        cases['between, not on the shortage list']!,
        cases['between, shortage list unknown']!,
      ].sort(),
    );
    expect(s.changed).toBe(2);
    expect(
      changes
        .filter((c) => c.before !== c.after)
        .map((c) => [c.before, c.after])
        .sort(),
    ).toEqual([
      ['met', 'cannot-tell'],
      ['met', 'not-met'],
    ]);
    // Same outcome, but the threshold quoted is the new one: listed apart, not counted as changed.
    expect(idsOf(changes, (c) => c.before === c.after)).toEqual(
      [
        cases['exactly the new threshold']!,
        cases['above the new threshold']!,
        cases['below both general thresholds']!,
      ].sort(),
    );
    expect(s.outputsOnly).toBe(3);
    expect(changes.every((c) => c.check === 'highly-qualified-salary')).toBe(true);
    expect(s.errors).toBe(1);
    expect(s.changes.find((c) => 'error' in c)).toMatchObject({
      applicationId: cases['not a valid snapshot'],
      error: expect.stringContaining('person.age'),
    });
    expect(s.perService[TRP]).toEqual({
      cases: 8,
      changed: 2,
      outputsOnly: 3,
      errors: 1,
      checks: { 'highly-qualified-salary': 2 },
    });
    expect(s.perService['no-such-service']).toMatchObject({ cases: 1, changed: 0, errors: 0 });
  });

  it('runs from the workbench as a job: the version is loaded, analysed and reported', async () => {
    const text = raisedSalaryThreshold({ effectiveFrom: EFFECTIVE, version: '2-job' });
    const { id } = await admin.versions.load({ text, by: author });
    expect((await admin.loadedSets()).map((s) => s.file.version)).toContain('2-job');
    const reportId = await admin.impact.request(id, author);
    expect((await admin.impact.report(reportId)).status).toBe('queued');
    await jobs.drain();
    const r = await admin.impact.report(reportId);
    expect(r).toMatchObject({
      status: 'done',
      cases_count: 9,
      changed_count: 2,
      for_date: EFFECTIVE,
    });
    const outcome = (r.changes ?? []).filter(
      (c): c is CheckChange => 'check' in c && c.before !== c.after,
    );
    expect(outcome.map((c) => c.applicationId).sort()).toEqual(
      [
        cases['between, not on the shortage list']!,
        cases['between, shortage list unknown']!,
      ].sort(),
    );
    await admin.versions.withdraw(id, author);
    expect((await admin.loadedSets()).map((s) => s.file.version)).not.toContain('2-job');
  });
});
