import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_REGISTRY_HITS } from '../modules/registries';
import { startPipelineApp, submitFor } from './processing.test-support';
import { triageCommands } from './triage.cli';
import type { WithApp } from './cli.args';

let app: Awaited<ReturnType<typeof startPipelineApp>>;
let caseId: string;
const printed: string[] = [];

beforeAll(async () => {
  app = await startPipelineApp();
  const owner = (await app.app.modules.accounts.repo.findByEmail('priya.sharma@vartai.demo'))!;
  const hit = DEMO_REGISTRY_HITS.find((h) => h.registry === 'sis' && h.outcome === 'hit')!;
  const applicationId = await submitFor(
    app.app.modules.applications,
    app.app.modules.documents,
    owner.id,
    {
      given: hit.givenNames,
      surname: hit.surname,
      born: hit.dateOfBirth,
      nationality: 'RUS',
      travelDocument: '7512345',
      serviceId: 'temporary-residence-permit',
      groundId: 'work',
    },
    new Date(),
  );
  await app.driven.run();
  caseId = (await app.app.modules.cases.repo.findByApplication(applicationId))!.id;
}, 60_000);
afterAll(async () => app?.close());

const withApp: WithApp = (fn) => fn(app.ctx, app.app);
const replay = (...args: string[]) =>
  triageCommands(withApp)['triage:replay']!.run(args, (line) => printed.push(line));

describe('triage:replay', () => {
  it('replays every logged run of a case and finds the same tiers', async () => {
    printed.length = 0;
    expect(await replay('--case', caseId)).toBe(0);
    const { replays } = JSON.parse(printed.join('\n'));
    expect(replays.length).toBeGreaterThan(0);
    expect(replays.at(-1)).toMatchObject({ case: caseId, loggedTier: 'enhanced', same: true });
  });

  it('says so, with exit code 1, when a logged run no longer gives its tier', async () => {
    const runs = await app.app.modules.triage.service.runsOf(caseId);
    const last = runs.at(-1)!;
    // A log altered behind the app's back (the trigger forbids it; the owner role can bypass it).
    await sql`alter table triage_runs disable trigger user`.execute(app.ctx.database.db);
    await sql`update triage_runs set tier = 'routine' where id = ${last.id}`.execute(
      app.ctx.database.db,
    );
    await sql`alter table triage_runs enable trigger user`.execute(app.ctx.database.db);
    printed.length = 0;
    expect(await replay('--run', last.id)).toBe(1);
    expect(JSON.parse(printed.join('\n')).replays[0]).toMatchObject({
      loggedTier: 'routine',
      replayedTier: 'enhanced',
      same: false,
    });
  });

  it('refuses a bad command line and an unknown run with exit code 2', async () => {
    expect(await replay()).toBe(2);
    expect(await replay('--run', 'not-an-id')).toBe(2);
    expect(await replay('--run', '00000000-0000-4000-8000-000000000000')).toBe(2);
  });
});
