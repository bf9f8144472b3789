import type { FastifyInstance } from 'fastify';
import type { Clock, Ids } from '../../platform/clock';
import type { Db } from '../../platform/db';
import type { I18n } from '../../platform/i18n';
import type { JobQueue } from '../../platform/jobs';
import type { AuditModule } from '../audit';
import type { NotifyApplicant } from './applicant-notices';
import type { CasesRepository } from './cases.repository';
import type { CasesService, LifecycleRulesPort } from './cases.service';
import { decisionPages } from './decisions.pages';
import { revocationPages } from './revocation.pages';
import { createDecisionsRepository } from './decisions.repository';
import {
  createDecisionsService,
  DECISION_LETTER_JOB,
  type DecisionLetterJob,
  type DecisionsPorts,
} from './decisions.service';
import { decisionLetterJob } from './letters.job';
import { loadLettersPack, type LettersPack } from './letters.loader';

export interface DecisionsDeps {
  db: Db;
  clock: Clock;
  ids: Ids;
  audit: AuditModule;
  jobs: JobQueue;
  i18n: I18n;
  catalogue: LifecycleRulesPort;
  cases: { service: CasesService; repo: CasesRepository };
  ports: DecisionsPorts;
  /** Tells the applicant a decision letter is waiting (the notifications module, via src/app). */
  notify: NotifyApplicant;
  /** The pack's grounds and letter templates; read from content/lt/letters when not given. */
  pack?: LettersPack;
}

/** Decisions with four eyes and their letters (issue 4 points 4 and 5). */
export function createDecisionsModule(deps: DecisionsDeps) {
  // A broken letters pack stops start-up here, naming file and field.
  const pack = deps.pack ?? loadLettersPack();
  const repo = createDecisionsRepository(deps.db);
  const service = createDecisionsService({ ...deps, pack, repo });
  deps.jobs.register<DecisionLetterJob>(
    DECISION_LETTER_JOB,
    decisionLetterJob({ db: deps.db, repo, cases: deps.cases.repo, notify: deps.notify }),
  );
  return {
    service,
    repo,
    pack,
    routes: async (app: FastifyInstance) => {
      await app.register(decisionPages({ decisions: service, pack }));
      await app.register(revocationPages({ decisions: service, pack }));
    },
  };
}

export type DecisionsModule = ReturnType<typeof createDecisionsModule>;
