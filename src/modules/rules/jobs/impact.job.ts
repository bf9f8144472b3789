import type { JobHandler } from '../../../platform/jobs';
import type { ImpactJob, ImpactService } from '../impact.service';

export { IMPACT_JOB } from '../impact.service';

/**
 * Runs an impact analysis asked for on the workbench. Idempotent: a finished report is left as
 * it is; a report whose worker died is run again from the start (the queue retries once).
 */
export function impactJob(impact: ImpactService): JobHandler<ImpactJob> {
  return async (data) => {
    await impact.run(data.reportId);
  };
}
