import { afterAll, beforeAll, expect, it } from 'vitest';
import { REGISTRIES_JOBS } from '../modules/registries';
import { fixedClock } from '../platform/clock';
import { startPipelineApp, submitFor, WORK_PERMIT_APPLICANT } from './processing.test-support';

/** The State Security Department answers days later: the case waits, then the pipeline goes on. */
const clock = fixedClock(new Date());
let app: Awaited<ReturnType<typeof startPipelineApp>>;
beforeAll(async () => {
  app = await startPipelineApp({}, { clock });
}, 60_000);
afterAll(async () => app?.close());

it('waits for the VSD opinion and runs the pipeline again when the poll brings it', async () => {
  const m = app.app.modules;
  const owner = (await m.accounts.repo.findByEmail('priya.sharma@vartai.demo'))!.id;
  const id = await submitFor(
    m.applications,
    m.documents,
    owner,
    WORK_PERMIT_APPLICANT,
    clock.now(),
  );
  await app.driven.run();
  const c = (await m.cases.repo.findByApplication(id))!;
  const vsd = () =>
    m.registries.service.checksOf(c.id).then((x) => x.find((y) => y.registry === 'vsd'));
  const waiting = await vsd();
  expect(waiting?.state).toBe('waiting');
  expect(waiting?.expectedBy).not.toBeNull();
  const steps = async () =>
    Object.fromEntries((await m.processing.service.latestSteps(c.id)).map((s) => [s.step, s]));
  expect((await steps()).registries?.state).toBe('waiting');
  expect((await steps()).triage?.result.tier).not.toBe('routine');
  const runsBefore = await m.processing.repo.lastRunSeq(c.id);

  // The poll before the expected day finds nothing; after it, the opinion is stored.
  await app.driven.runJob(REGISTRIES_JOBS.poll);
  expect((await vsd())?.state).toBe('waiting');
  clock.set(new Date(waiting!.expectedBy!.getTime() + 60_000));
  await app.driven.runJob(REGISTRIES_JOBS.poll);
  expect((await vsd())?.state).toBe('answered');
  await app.driven.run();
  const after = await steps();
  expect(await m.processing.repo.lastRunSeq(c.id)).toBe(runsBefore + 1);
  expect(after.registries).toMatchObject({ state: 'done', trigger: 'registry-answer' });
}, 60_000);
