import type { FastifyInstance } from 'fastify';
import type { Clock, Ids } from '../../platform/clock';
import type { Db } from '../../platform/db';
import type { AuditModule } from '../audit';
import type { MatchThresholds } from './matching/types';
import { personsPages, type PersonsPagesService } from './pages';
import type { RegisterMatcher } from './register/matcher';
import { createRegisterService, type PersonsService } from './register/register.service';

export interface PersonsDeps {
  db: Db;
  clock: Clock;
  ids: Ids;
  audit: AuditModule;
  /** From configuration: PERSONS_MATCH_AUTO_LINK, PERSONS_MATCH_REVIEW. */
  thresholds: MatchThresholds;
  /** A staff member's display name by account id, for the history of actions on a person. */
  staffName?: (accountId: string) => Promise<string | undefined>;
  /** The matcher with the committed model unless given. */
  matcher?: RegisterMatcher;
}

/**
 * The persons register (issue 7): `service` matches records in (applications on submission,
 * documents issued, registry records), and serves search, persons, the review queue and the
 * officers' merge, split and undo; `routes` are the workbench pages.
 */
export function createPersonsModule(deps: PersonsDeps) {
  const service: PersonsService = createRegisterService(deps);
  // The pages are written against a narrow interface; this keeps the two in step.
  const pagesService: PersonsPagesService = service;
  return {
    service,
    routes: async (app: FastifyInstance) => {
      await app.register(
        personsPages({
          service: pagesService,
          ...(deps.staffName ? { staffName: deps.staffName } : {}),
        }),
      );
    },
  };
}

export type PersonsModule = ReturnType<typeof createPersonsModule>;
