import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../platform/http';
import { seedDemoCases } from './demo-cases';
import { startTestApp, type TestApp } from './test-app';

/**
 * The demo cases `npm start` loads (the test app itself starts without them): five cases in the
 * statuses a demo officer should find, near and past the deadline highlighted, loaded once.
 */
let app: TestApp;
const lead: Principal = {
  kind: 'staff',
  accountId: '00000000-0000-4000-8000-000000000001',
  email: 'lead@vartai.demo',
  displayName: 'Lead',
  roles: ['team-lead', 'officer'],
  branchId: null,
  mfaPassed: true,
};

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

describe('demo cases', () => {
  it('opens five cases through the submission listener, once', async () => {
    const deps = { clock: app.ctx.clock, ...app.app.modules };
    expect((await seedDemoCases(deps)).created).toBe(5);
    expect((await seedDemoCases(deps)).created).toBe(0);

    const queue = await app.app.modules.cases.queues.queue(lead, {});
    const statuses = queue.rows.map((r) => r.status).sort();
    expect(statuses).toEqual([
      'awaiting-visit',
      'in-examination',
      'in-examination',
      'in-examination',
      'submitted',
    ]);
    // Changes of employer: 20 working days from submission, 26 and 33 calendar days ago.
    expect(queue.counters.near).toBeGreaterThanOrEqual(1);
    expect(queue.counters.overdue).toBeGreaterThanOrEqual(1);
    // Each demo application has a reference and shows in the contact centre's search.
    const found = await app.app.modules.cases.searchForContactCentre(
      { name: 'Priya Sharma', birthDate: '2001-09-03' },
      { ...lead, roles: ['call-centre'] },
    );
    expect(found).toHaveLength(2);
  });
});
