/**
 * Analytics (issue 11, ADR 0015): an outbox of events the other modules report through `src/app`,
 * folded into the module's own fact tables for the dashboards, forecasts, plans and open
 * statistics. What exists so far: the event contract and its recorder (slice S1 of PLAN.md), and
 * the pure pieces — forecasting, charts, planning and the simulation generator.
 *
 * Other modules never import this one: `src/app` turns their listeners' calls into events.
 */
import type { Database } from '../../platform/db';
import { createEventsRepository } from './events.repository';

export {
  AnalyticsEvent,
  ANALYTICS_EVENT_KINDS,
  ANSWER_KINDS,
  CANCELLED_BY,
  CHANNELS,
  CONFIDENCE_BANDS,
  CONTACT_CHANNELS,
  eventKey,
  fromStored,
  NONE,
  parseAnalyticsEvent,
  toStored,
  URGENCIES,
  type AnalyticsEventKind,
  type Channel,
  type EventOf,
  type StoredEvent,
} from './events.schemas';
export type {
  AnalyticsEventRow,
  AnalyticsEventsTables,
  EventsRepository,
} from './events.repository';
export { analyticsErrors, ANALYTICS_ERROR_CODES } from './errors';

// The pure pieces, through their own index files.
export {
  aggregateDaily,
  addPeriods,
  backtest,
  forecast,
  forecastErrors,
  isoWeek,
  periodLabel,
  periodStart,
  PERIODS_PER_YEAR,
  toMonths,
  toQuarters,
  toWeeks,
  type AggregateOptions,
  type BacktestOptions,
  type BacktestRow,
  type DailyCount,
  type ForecastOptions,
  type ForecastPoint,
  type ForecastResult,
  type ModelKind,
  type Period,
  type Series,
} from './forecast';
export {
  bandChart,
  barChart,
  chartErrors,
  chartFigure,
  csvReply,
  csvRowsFor,
  lineChart,
  safeFilename,
  tableFor,
  toCsv,
  type BandChartSpec,
  type BarChartSpec,
  type ChartFigure,
  type ChartPoint,
  type ChartSeries,
  type ChartSpec,
  type ChartTable,
  type CsvCell,
  type CsvOptions,
  type LineChartSpec,
} from './charts';
export {
  appointmentCapacity,
  officersNeeded,
  parsePlanInput,
  PLAN_ERROR_CODES,
  plannedDemand,
  planningErrors,
  whatIf,
  type AppointmentInput,
  type AppointmentPlan,
  type OfficersInput,
  type OfficersPlan,
  type PlanErrorCode,
  type PlanningBase,
  type WhatIfChanges,
  type WhatIfResult,
} from './planning';
// The generator's CHANNELS are the contract's CHANNELS (same values): exported once, above.
export {
  createSimulation,
  expectedTotals,
  loadSimulationParams,
  simulationErrors,
  timelineEvents,
  type SimApplication,
  type SimChannel,
  type SimDayBatch,
  type SimEvent,
  type SimulationOptions,
  type SimulationParams,
  type SimulationTotals,
} from './simulation';

export interface AnalyticsDeps {
  /** The primary: events are always written there, in the caller's transaction. */
  database: Database;
}

/** The analytics module as built so far: the events recorder (more with each slice of PLAN.md). */
export function createAnalyticsModule(deps: AnalyticsDeps) {
  const events = createEventsRepository(deps.database.db);
  return {
    /** `analytics.record(event, trx)`: the outbox insert of ADR 0015 (see events.repository.ts). */
    record: events.record,
  };
}

export type AnalyticsModule = ReturnType<typeof createAnalyticsModule>;
