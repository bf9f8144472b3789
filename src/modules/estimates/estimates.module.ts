/**
 * The estimates service: gathers one case's facts through the cases module (queue place, the
 * service's recent decisions, an open request) and the registries still waiting (a port wired in
 * src/app), then asks the pure estimator. Reads counts and dates only: no personal data, so no
 * audit entry is written.
 */
import type { Clock } from '../../platform/clock';
import type { AnyTransaction, Db } from '../../platform/db';
import { addCalendarDays, localDate, type HolidayRules } from '../catalogue';
import { createThroughputRepository, isDecided, isTerminal, type CaseStatus } from '../cases';
import { estimatesErrors } from './errors';
import {
  estimateOutcome,
  THROUGHPUT_WINDOW_DAYS,
  type EstimateInput,
  type EstimateOutcome,
} from './estimator';
import { workingDaysBefore, workingDayTest } from './working-days';

/** A registry check still waiting on the case; `expectedBy` null when no date is known. */
export interface PendingRegistryAnswer {
  registry: string;
  expectedBy: Date | null;
}

export interface EstimatesPorts {
  /** The case's registry checks still waiting or retrying (registries module, adapted in src/app). */
  pendingRegistries?: (caseId: string, trx?: AnyTransaction) => Promise<PendingRegistryAnswer[]>;
}

export interface EstimatesDeps {
  db: Db;
  clock: Clock;
  /** The country pack's holidays (catalogue `pack.holidays`). */
  holidays: HolidayRules;
  ports?: EstimatesPorts;
}

/** A case's estimate, or why there is none: decided and closed cases need none. */
export type CaseEstimate =
  | (EstimateOutcome & { today: string; input?: EstimateInput })
  | { kind: 'none'; reason: 'decided' | 'closed'; today: string };

export interface EstimatesService {
  /** The estimate for a case as of today (Vilnius). Throws ESTIMATE_CASE_NOT_FOUND. */
  forCase(caseId: string, trx?: AnyTransaction): Promise<CaseEstimate>;
}

export function createEstimatesModule(deps: EstimatesDeps) {
  const repo = createThroughputRepository(deps.db);
  const works = workingDayTest(deps.holidays);

  /** Decisions per working day, oldest first, for the window ending yesterday (today is partial). */
  async function throughput(serviceId: string, today: string, trx?: AnyTransaction) {
    const days = workingDaysBefore(today, THROUGHPUT_WINDOW_DAYS, works).reverse();
    if (days.length === 0) return [];
    const rows = await repo.decisionsPerDay(serviceId, days[0]!, days[days.length - 1]!, trx);
    const byDay = new Map(rows.map((r) => [r.day, r.decisions]));
    return days.map((d) => byDay.get(d) ?? 0);
  }

  /** The latest expected answer among waiting registries; tomorrow when one has no date yet. */
  async function pendingUntil(caseId: string, today: string, trx?: AnyTransaction) {
    const pending = (await deps.ports?.pendingRegistries?.(caseId, trx)) ?? [];
    if (pending.length === 0) return null;
    const tomorrow = addCalendarDays(today, 1);
    return pending
      .map((p) => (p.expectedBy ? localDate(p.expectedBy) : tomorrow))
      .reduce((a, b) => (a >= b ? a : b), tomorrow);
  }

  const service: EstimatesService = {
    async forCase(caseId, trx) {
      const today = localDate(deps.clock.now());
      const facts = await repo.caseFacts(caseId, trx);
      if (!facts) throw estimatesErrors.caseNotFound(caseId);
      const status = facts.status as CaseStatus;
      if (isDecided(status)) return { kind: 'none', reason: 'decided', today };
      if (isTerminal(status)) return { kind: 'none', reason: 'closed', today };
      // One after another: a transaction is one connection (and PGlite serialises anyway).
      const queueAhead = await repo.queueAhead(caseId, trx);
      const dailyThroughput = await throughput(facts.serviceId, today, trx);
      const pendingRegistryUntil = await pendingUntil(caseId, today, trx);
      const request = await repo.openRequest(caseId, trx);
      const input: EstimateInput = {
        today,
        legalDeadline: facts.deadlineOn,
        queueAhead,
        dailyThroughput,
        pendingRegistryUntil,
        suspended: request ? { since: localDate(request.requestedAt), dueOn: request.dueOn } : null,
        holidays: deps.holidays,
      };
      return { ...estimateOutcome(input), today, input };
    },
  };
  return { service };
}

export type EstimatesModule = ReturnType<typeof createEstimatesModule>;
