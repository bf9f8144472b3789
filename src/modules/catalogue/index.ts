import type { FastifyInstance } from 'fastify';
import { systemClock, type Clock } from '../../platform/clock';
import { catalogueApi } from './catalogue.api';
import { DEFAULT_PACK_ROOT, loadPack } from './catalogue.loader';
import { cataloguePages } from './catalogue.pages';
import { createCatalogueQueries } from './catalogue.queries';
import { createOrderingQueries } from './catalogue.ordering';
import { finderOutcomes, finderStep } from './finder';

export { DEFAULT_PACK_ROOT, loadPack, type Pack } from './catalogue.loader';
export {
  isQuestionShown,
  localDate,
  noteIn,
  type CatalogueQueries,
  type FeeQuote,
  type FeeRequest,
  type LegalTerm,
  type ReferenceValue,
  type RequiredDocument,
} from './catalogue.queries';
export type {
  Duration,
  Exemption,
  Ground,
  Note,
  Question,
  Service,
  ShowIf,
  Text,
  Validity,
  Visit,
  VisitTake,
} from './catalogue.schemas';
export { VISIT_TAKES, visitTakes } from './catalogue.schemas';
export type { FinderStep } from './finder';
export type {
  CourierOffer,
  OrderingQueries,
  RemoteOrderRule,
  UrgencyLevel,
} from './catalogue.ordering';
export { catalogueErrors } from './errors';
export {
  addCalendarDays,
  calendarTermEnd,
  daysBetween,
  isWorkingDay,
  legalDeadline,
  onOrNextWorkingDay,
  type HolidayRules,
  type TermUnit,
} from './legal-deadline';

export interface CatalogueDeps {
  /** The country pack folder; default content/lt of this repository. */
  root?: string;
  /** For "fees in force today" on pages and in the API. */
  clock?: Clock;
}

/**
 * The country pack, loaded and validated once (a broken pack throws CATALOGUE_PACK_INVALID naming
 * the file and field, which stops start-up), with pure queries over it and its public routes.
 */
export function createCatalogueModule(deps: CatalogueDeps = {}) {
  const pack = loadPack(deps.root ?? DEFAULT_PACK_ROOT);
  const queries = createCatalogueQueries(pack);
  const clock = deps.clock ?? systemClock;
  return {
    ...queries,
    /** Urgency levels, exemptions, delivery and ordering without a visit (catalogue.ordering.ts). */
    ordering: createOrderingQueries(queries),
    pack,
    /** Where a list of finder answers leads (throws CATALOGUE_FINDER_PATH_INVALID when they do not fit). */
    finderStep: (path: readonly string[]) => finderStep(pack.finder, path),
    /** Every end of the finder with the answers that reach it. */
    finderOutcomes: () => finderOutcomes(pack.finder),
    routes: async (app: FastifyInstance) => {
      await app.register(cataloguePages(queries, pack, clock));
      await app.register(catalogueApi(queries, clock));
    },
  };
}

export type CatalogueModule = ReturnType<typeof createCatalogueModule>;
