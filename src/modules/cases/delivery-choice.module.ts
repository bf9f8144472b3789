import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db';
import type { AuditModule } from '../audit';
import type { CasesRepository } from './cases.repository';
import { deliveryChoicePages } from './delivery-choice.pages';
import { createDeliveryChoicesRepository } from './delivery-choice.repository';
import { createDeliveryChoice, type DeliveryChoicePorts } from './delivery-choice.service';
import { createProductionRepository } from './production.repository';

export interface DeliveryChoiceModuleDeps {
  db: Db;
  clock: Clock;
  audit: AuditModule;
  cases: { repo: CasesRepository };
  ports: DeliveryChoicePorts;
}

/** Collection or courier, chosen by the holder after a grant (issue 4 point 6). */
export function createDeliveryChoiceModule(deps: DeliveryChoiceModuleDeps) {
  const service = createDeliveryChoice({
    ...deps,
    repo: createDeliveryChoicesRepository(deps.db),
    orders: createProductionRepository(deps.db),
    cases: deps.cases.repo,
  });
  return {
    service,
    routes: async (app: FastifyInstance) => {
      await app.register(deliveryChoicePages(service));
    },
  };
}

export type DeliveryChoiceModule = ReturnType<typeof createDeliveryChoiceModule>;
