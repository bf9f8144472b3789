import { options, refuse, type Command, type WithApp } from './cli.args';
import { isAppError } from '../platform/errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const USAGE = 'triage:replay (--run <run id> | --case <case id>)';

/**
 * `triage:replay` (issue 8, the AI Act log): re-runs logged triage runs on their logged inputs
 * and criteria version and prints, per run, the logged tier, the tier again and whether they
 * agree — what an auditor or a court asks to see. Exit 0 when every run agrees, 1 when one does
 * not, 2 for a bad command line or an unknown run or case.
 */
export function triageCommands(withApp: WithApp): Record<string, Command> {
  return {
    'triage:replay': {
      summary: 'Replay logged triage runs on their logged inputs and criteria version (JSON out)',
      usage: USAGE,
      async run(args, out) {
        const o = options(args, { run: { type: 'string' }, case: { type: 'string' } });
        if ('error' in o) return refuse(o.error, USAGE);
        if (Boolean(o.run) === Boolean(o.case)) return refuse('Give --run or --case.', USAGE);
        const id = (o.run ?? o.case)!;
        if (!UUID.test(id)) return refuse(`"${id}" is not an id.`, USAGE);
        return withApp(async (_ctx, app) => {
          const triage = app.modules.triage.service;
          const runIds = o.run ? [id] : (await triage.runsOf(id)).map((r) => r.id);
          if (runIds.length === 0) return refuse(`No triage run is logged for case ${id}.`, USAGE);
          const replays = [];
          for (const runId of runIds) {
            try {
              const r = await triage.replay(runId);
              replays.push({
                run: runId,
                case: r.run.caseId,
                criteriaVersion: r.run.criteriaVersion,
                inputRef: r.run.inputRef,
                loggedTier: r.run.tier,
                replayedTier: r.tier,
                same: r.same,
              });
            } catch (e) {
              if (isAppError(e) && e.code === 'TRIAGE_RUN_NOT_FOUND')
                return refuse(`No triage run ${runId} is logged.`, USAGE);
              throw e;
            }
          }
          out(JSON.stringify({ replays }, null, 2));
          return replays.every((r) => r.same) ? 0 : 1;
        });
      },
    },
  };
}
