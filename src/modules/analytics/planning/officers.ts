/**
 * Officers needed per service so that cases are decided within the legal term.
 *
 * Model (fluid queue, weekly steps): each week the planned demand arrives, the officers decide
 * `officers × decisionsPerOfficerWeek × availability` cases, and what is left is carried as
 * backlog. A case arriving in week w waits for the backlog ahead of it to be worked at that
 * pace: wait ≈ backlog / weekly capacity (Little's law). The recommendation is the smallest whole
 * headcount, constant over the horizon, that keeps that wait within the term in every week.
 * Because the existing backlog is carried from week 1, the same rule makes the headcount clear a
 * backlog that already breaches the term; the explanation says how many officers that takes.
 *
 * The margin: demand is uncertain, so the plan works on a demand quantile rather than the mean —
 * mean + z(targetShareWithinTerm) × σ, with σ read from the forecast's upper bound (assumed to be
 * the `upperBoundQuantile` quantile of a normal) or, without one, the Poisson floor √mean.
 * Each week's quantile is planned separately, which is conservative (the quantile of a sum is
 * below the sum of quantiles): a safe plan, not a tight one.
 */
import {
  reason,
  round1,
  smallestSufficient,
  waitDays,
  EPSILON,
  type PlanReason,
} from './explanation';
import { normalQuantile } from './normal';
import {
  officersInputSchema,
  parsePlanInput,
  type OfficersInput,
  type OfficersInputRaw,
} from './schemas';

export interface OfficersWeek {
  /** 1 = the first week of the horizon. */
  week: number;
  /** The headcount simulated this week (today's officers when known, else the recommendation). */
  officers: number;
  /** Open cases at the end of the week, whole cases. */
  backlogEnd: number;
  /** Expected wait of a case arriving this week, calendar days, one decimal (∞: no capacity). */
  expectedWaitDays: number;
  withinTerm: boolean;
}

export interface OfficersPlan {
  service: string;
  perWeek: OfficersWeek[];
  /** Recommended headcount for the period. */
  officers: number;
  /** What the headcount would be without today's backlog: the rest is for clearing it. */
  steadyOfficers: number;
  /** The headcount `perWeek` was simulated with. */
  staffedOfficers: number;
  /** The demand the plan was made for, per week (mean plus margin), one decimal. */
  plannedDemandPerWeek: number[];
  /** The longest expected wait over the horizon at `staffedOfficers`, days. */
  maxWaitDays: number;
  explanation: PlanReason[];
}

interface Run {
  backlogEnd: number[];
  waits: number[];
}

function run(officers: number, perOfficerWeek: number, demand: number[], backlog: number): Run {
  const capacity = officers * perOfficerWeek;
  const backlogEnd: number[] = [];
  const waits: number[] = [];
  let open = backlog;
  for (const arriving of demand) {
    open = Math.max(0, open + arriving - capacity);
    backlogEnd.push(open);
    waits.push(waitDays(open, capacity));
  }
  return { backlogEnd, waits };
}

/** The demand to plan for: the mean raised to the target quantile. */
export function plannedDemand(input: OfficersInput): {
  demand: number[];
  source: 'upper-bound' | 'poisson' | 'mean';
} {
  const z = normalQuantile(input.targetShareWithinTerm);
  if (input.targetShareWithinTerm <= 0.5)
    return { demand: [...input.demandPerWeek], source: 'mean' };
  const zUpper = normalQuantile(input.upperBoundQuantile);
  const upper = input.demandUpper;
  const demand = input.demandPerWeek.map((mean, i) => {
    const sigma = upper ? ((upper[i] ?? mean) - mean) / zUpper : Math.sqrt(mean);
    return mean + z * sigma;
  });
  return { demand, source: upper ? 'upper-bound' : 'poisson' };
}

function recommend(
  perOfficerWeek: number,
  demand: number[],
  backlog: number,
  termDays: number,
): number {
  // Enough to decide the backlog and the first week's cases in week 1 and every later week's
  // arrivals in their own week: nothing is ever carried, so every wait is 0.
  const first = demand[0] ?? 0;
  const hi = Math.ceil(Math.max(backlog + first, ...demand) / perOfficerWeek);
  return smallestSufficient(hi, (n) =>
    run(n, perOfficerWeek, demand, backlog).waits.every((w) => w <= termDays + EPSILON),
  );
}

export function officersNeeded(raw: OfficersInputRaw): OfficersPlan {
  const input = parsePlanInput(officersInputSchema, raw);
  const perOfficerWeek = input.decisionsPerOfficerWeek * input.availability;
  const term = input.legalTermDays;
  const { demand, source } = plannedDemand(input);

  const officers = recommend(perOfficerWeek, demand, input.backlog, term);
  const steadyOfficers = recommend(perOfficerWeek, demand, 0, term);
  const staffed = input.currentOfficers ?? officers;
  const sim = run(staffed, perOfficerWeek, demand, input.backlog);

  const perWeek = sim.waits.map((wait, i) => ({
    week: i + 1,
    officers: staffed,
    backlogEnd: Math.round(sim.backlogEnd[i] ?? 0),
    expectedWaitDays: round1(wait),
    withinTerm: wait <= term + EPSILON,
  }));
  const maxWait = Math.max(...sim.waits);

  const explanation: PlanReason[] = [
    reason('analytics.plan.officers.capacity', {
      decisionsPerOfficerWeek: input.decisionsPerOfficerWeek,
      availability: input.availability,
      perOfficerWeek: round1(perOfficerWeek),
    }),
    reason(`analytics.plan.officers.margin.${source}`, {
      share: input.targetShareWithinTerm,
      meanPerWeek: round1(mean(input.demandPerWeek)),
      plannedPerWeek: round1(mean(demand)),
    }),
    reason('analytics.plan.officers.recommended', {
      officers,
      legalTermDays: term,
      maxWaitDays: round1(Math.max(...run(officers, perOfficerWeek, demand, input.backlog).waits)),
    }),
  ];
  if (officers > steadyOfficers) {
    explanation.push(
      reason('analytics.plan.officers.backlog', {
        backlog: input.backlog,
        extraOfficers: officers - steadyOfficers,
        // How long today's backlog would take on its own at the demand-only headcount.
        weeksAtSteady: round1(
          steadyOfficers > 0
            ? input.backlog / (steadyOfficers * perOfficerWeek)
            : Number.POSITIVE_INFINITY,
        ),
      }),
    );
  }
  if (input.currentOfficers !== undefined) {
    const firstLate = perWeek.find((w) => !w.withinTerm);
    explanation.push(
      firstLate
        ? reason('analytics.plan.officers.currentShort', {
            currentOfficers: staffed,
            shortBy: Math.max(0, officers - staffed),
            firstLateWeek: firstLate.week,
            maxWaitDays: round1(maxWait),
          })
        : reason('analytics.plan.officers.currentEnough', {
            currentOfficers: staffed,
            maxWaitDays: round1(maxWait),
          }),
    );
  }

  return {
    service: input.service,
    perWeek,
    officers,
    steadyOfficers,
    staffedOfficers: staffed,
    plannedDemandPerWeek: demand.map(round1),
    maxWaitDays: round1(maxWait),
    explanation,
  };
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / (xs.length || 1);
