import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoAutomation, seedDemoCases } from './demo-cases';
import { startTestApp, type TestApp } from './test-app';

/** The automation's demo: a routine case with a prepared grant, a SIS hit, a wait for VSD. */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ REGISTRIES_SIM_LATENCY_MS: '0' });
}, 60_000);
afterAll(async () => app?.close());

describe('demo automation', () => {
  it('shows each tier the demo promises, without a worker having run', async () => {
    const m = app.app.modules;
    const deps = { clock: app.ctx.clock, ...m };
    await seedDemoCases(deps);
    expect((await seedDemoAutomation(deps)).created).toBe(3);
    const rows = await m.cases.repo.db
      .selectFrom('cases')
      .select(['id', 'service_id', 'status'])
      .execute();
    const tierOf = async (id: string) => (await m.triage.service.latestFor(id))?.tier;

    const routine = rows.find((r) => r.service_id === 'eu-temporary-residence-certificate')!;
    expect(routine.status).toBe('accepted');
    expect(await tierOf(routine.id)).toBe('routine');
    expect(await m.processing.service.prepared(routine.id)).toBeDefined();

    const tiers = await Promise.all(rows.map((r) => tierOf(r.id)));
    expect(tiers).toContain('enhanced');
    const eResident = rows.find((r) => r.service_id === 'e-resident')!;
    const vsd = (await m.registries.service.checksOf(eResident.id)).find(
      (c) => c.registry === 'vsd',
    );
    expect(vsd?.state).toBe('waiting');
    expect(vsd?.expectedBy).not.toBeNull();
    // Every demo case went through the pipeline.
    expect(tiers.every((t) => t !== undefined)).toBe(true);
    // Loaded once.
    expect((await seedDemoAutomation(deps)).created).toBe(0);
  }, 120_000);
});
