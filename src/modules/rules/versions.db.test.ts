import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../app/context';
import { parameterResolverFrom } from '../../app/rules-parameters';
import { fixedClock, randomIds } from '../../platform/clock';
import type { Principal } from '../../platform/http';
import { createTestDatabase, recordingJobs, type TestDatabase } from '../../platform/testing';
import { createAuditModule } from '../audit';
import { createCatalogueModule } from '../catalogue';
import { createRulesAdminModule, type RulesAdminModule } from './index';
import { raisedSalaryThreshold } from './impact.test-support';

/**
 * Loading a rule set version: scheduled only when it compiles, takes effect tomorrow at the
 * earliest, is a new version, and its table tests (and those of the sets using it) pass; errors
 * name the table, rule and cell. Withdrawn only before it takes effect.
 */
const clock = fixedClock('2026-03-02T09:00:00Z');
let db: TestDatabase;
let admin: RulesAdminModule;
const by: Extract<Principal, { kind: 'staff' }> = {
  kind: 'staff',
  accountId: randomUUID(),
  email: 'rules@migracija.lt',
  displayName: 'Rules author',
  roles: ['rules'],
  branchId: null,
  mfaPassed: true,
};
const v2 = (over: { version?: string; effectiveFrom?: string } = {}) =>
  raisedSalaryThreshold({ effectiveFrom: '2026-04-01', ...over });
const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e as Error & { code: string; details?: Record<string, unknown> };
  }
  throw new Error('expected a refusal');
};

beforeAll(async () => {
  db = await createTestDatabase(MIGRATIONS_DIR);
  admin = createRulesAdminModule({
    db: db.db,
    clock,
    ids: randomIds,
    jobs: recordingJobs().jobs,
    audit: createAuditModule({ db: db.db, clock }),
    resolve: parameterResolverFrom(createCatalogueModule({ clock })),
  });
});
afterAll(async () => {
  await db?.close();
});

describe('loading a rule set version', () => {
  it('schedules a valid new version and shows it beside the pack versions', async () => {
    const { id, set } = await admin.versions.load({ text: v2(), by });
    expect(set.file.effectiveFrom).toBe('2026-04-01');
    const hq = (await admin.versions.overview()).find((s) => s.id === 'highly-qualified-salary')!;
    expect(hq.versions.map((v) => [v.set.file.version, v.source, v.state])).toEqual([
      ['1', 'pack', 'in-force'],
      ['2', 'loaded', 'scheduled'],
    ]);
    expect(hq.versions[1]!.loaded!.id).toBe(id);
    const book = await admin.versions.book();
    expect(book.inForce('highly-qualified-salary', '2026-03-31')!.file.version).toBe('1');
    expect(book.inForce('highly-qualified-salary', '2026-04-01')!.file.version).toBe('2');
  });

  it('refuses the same version again, and a date before tomorrow', async () => {
    expect((await failure(admin.versions.load({ text: v2(), by }))).code).toBe(
      'RULES_VERSION_EXISTS',
    );
    const today = await failure(
      admin.versions.load({ text: v2({ version: '3', effectiveFrom: '2026-03-02' }), by }),
    );
    expect(today.code).toBe('RULES_VERSION_DATE_INVALID');
    expect(today.message).toContain('2026-03-03');
    // The form's date replaces the file's, so the stored text is what is scheduled.
    const { id, set } = await admin.versions.load({
      text: v2({ version: '3', effectiveFrom: '2026-03-02' }),
      effectiveFrom: '2026-05-01',
      by,
    });
    expect(set.file.effectiveFrom).toBe('2026-05-01');
    expect((await admin.versions.get(id)).row.source_text).toContain('effectiveFrom: 2026-05-01');
  });

  it('names the table, rule and cell of a FEEL error', async () => {
    const broken = v2({ version: '4' }).replace('">= 1.7 * vdu"', '">= 1.7 * * vdu"');
    const e = await failure(admin.versions.load({ text: broken, by }));
    expect(e.code).toBe('RULES_FEEL_INVALID');
    expect(e.message).toMatch(
      /table highly-qualified-salary, rule general-threshold-reached, cell when\[2\]/,
    );
  });

  it('names the field the schema refuses', async () => {
    const e = await failure(
      admin.versions.load({
        text: v2({ version: '5' }).replace('hitPolicy: FIRST', 'hitPolicy: ANY'),
        by,
      }),
    );
    expect(e.code).toBe('RULES_SET_INVALID');
    expect(e.message).toContain('tables.0.hitPolicy');
  });

  it('lists every failing table test and schedules nothing', async () => {
    const wrong = v2({ version: '6' }).replace('thresholdCents: 377910', 'thresholdCents: 377911');
    const e = await failure(admin.versions.load({ text: wrong, by }));
    expect(e.code).toBe('RULES_TESTS_FAILED');
    expect(e.details!.failures).toEqual([
      expect.stringContaining('output thresholdCents: expected 377911, got 377910'),
    ]);
    const hq = (await admin.versions.overview()).find((s) => s.id === 'highly-qualified-salary')!;
    expect(hq.versions.map((v) => v.set.file.version)).not.toContain('6');
  });

  it('withdraws a scheduled version before it takes effect, and only then', async () => {
    const { id } = await admin.versions.load({
      text: v2({ version: '7', effectiveFrom: '2026-03-03' }),
      by,
    });
    expect((await admin.loadedSets()).some((s) => s.file.version === '7')).toBe(true);
    clock.set('2026-03-03T09:00:00Z');
    try {
      expect((await failure(admin.versions.withdraw(id, by))).code).toBe(
        'RULES_VERSION_NOT_WITHDRAWABLE',
      );
    } finally {
      clock.set('2026-03-02T09:00:00Z');
    }
    await admin.versions.withdraw(id, by);
    expect((await admin.loadedSets()).some((s) => s.file.version === '7')).toBe(false);
    const hq = (await admin.versions.overview()).find((s) => s.id === 'highly-qualified-salary')!;
    expect(hq.versions.find((v) => v.set.file.version === '7')!.state).toBe('withdrawn');
  });
});
