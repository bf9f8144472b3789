/**
 * What-if: re-run the staffing and appointment plans with changed demand, staff or pace, and show
 * each service and branch before and after.
 *
 * How staff map: case officers belong to a queue key (`officersDelta` is keyed like the staffing
 * plans' `service`: a catalogue service code, or `VLN/<service>` where a branch keeps its own
 * queue), because decisions are made per service queue, not at a counter. Staff at a branch's
 * counter are desks (`desksDelta`, keyed by branch code): "two more officers in Vilnius" at the
 * counter is `desksDelta: { VLN: 2 }`; in Vilnius's case queue it is `officersDelta:
 * { 'VLN/<service>': 2 }`. The "before" headcount is today's (`currentOfficers`) or, when unknown,
 * the recommendation; the "after" headcount is that plus the delta, so a demand change alone
 * shows what happens with the same people, and the recommendation shows what it would take.
 */
import { bookedAhead, planAppointments, type AppointmentPlan } from './appointments';
import { PLAN_ERROR_CODES as C, planningErrors, type PlanFieldError } from './errors';
import { officersNeeded, type OfficersPlan } from './officers';
import {
  appointmentInputSchema,
  parsePlanInput,
  planningBaseSchema,
  whatIfChangesSchema,
  type AppointmentInput,
  type OfficersInput,
  type PlanningBaseRaw,
  type WhatIfChanges,
} from './schemas';

export interface ServiceComparison {
  service: string;
  before: OfficersPlan;
  after: OfficersPlan;
  change: { recommendedOfficers: number; staffedOfficers: number; maxWaitDays: number };
}

export interface BranchComparison {
  branch: string;
  before: AppointmentPlan;
  after: AppointmentPlan;
  change: { desksNeeded: number; desks: number; maxWaitDays: number };
}

export interface WhatIfResult {
  /** The changes as applied, defaults filled in (factor 1, no deltas). */
  changes: Required<WhatIfChanges>;
  services: ServiceComparison[];
  branches: BranchComparison[];
}

/** After − before for waits; "still no capacity" (∞ − ∞) is no change, not NaN. */
const waitChange = (after: number, before: number) =>
  after === before ? 0 : Math.round((after - before) * 10) / 10;

const scale = (xs: number[], f: number) => xs.map((x) => x * f);

export function whatIf(
  baseRaw: PlanningBaseRaw,
  changesRaw: WhatIfChanges | Record<string, unknown>,
): WhatIfResult {
  const base = parsePlanInput(planningBaseSchema, baseRaw);
  const parsed = parsePlanInput(whatIfChangesSchema, changesRaw);
  const changes: Required<WhatIfChanges> = {
    demandFactor: parsed.demandFactor ?? 1,
    officersDelta: parsed.officersDelta ?? {},
    desksDelta: parsed.desksDelta ?? {},
    throughputFactor: parsed.throughputFactor ?? 1,
  };
  checkKeys(
    changes.officersDelta,
    base.staffing.map((s) => s.service),
    'officersDelta',
  );
  checkKeys(
    changes.desksDelta,
    base.appointments.map((a) => a.branch),
    'desksDelta',
  );

  const services = base.staffing.map((input): ServiceComparison => {
    const before = officersNeeded(input);
    const staffed = before.staffedOfficers + (changes.officersDelta[input.service] ?? 0);
    if (staffed < 0) throw negative('officersDelta', input.service);
    const changed: OfficersInput = {
      ...input,
      demandPerWeek: scale(input.demandPerWeek, changes.demandFactor),
      demandUpper: input.demandUpper && scale(input.demandUpper, changes.demandFactor),
      decisionsPerOfficerWeek: input.decisionsPerOfficerWeek * changes.throughputFactor,
      currentOfficers: staffed,
    };
    const after = officersNeeded(changed);
    return {
      service: input.service,
      before,
      after,
      change: {
        recommendedOfficers: after.officers - before.officers,
        staffedOfficers: after.staffedOfficers - before.staffedOfficers,
        maxWaitDays: waitChange(after.maxWaitDays, before.maxWaitDays),
      },
    };
  });

  const branches = base.appointments.map((input): BranchComparison => {
    const queued = bookedAhead(input);
    const before = planAppointments(input, queued);
    const desks = input.desks + (changes.desksDelta[input.branch] ?? 0);
    if (desks < 0) throw negative('desksDelta', input.branch);
    const changed: AppointmentInput = {
      ...input,
      visitsDemandPerWeek: scale(input.visitsDemandPerWeek, changes.demandFactor),
      desks,
    };
    // Parsed again: the scaled demand must still be valid input (it is, but the check is cheap).
    const after = planAppointments(parsePlanInput(appointmentInputSchema, changed), queued);
    return {
      branch: input.branch,
      before,
      after,
      change: {
        desksNeeded: after.desksNeeded - before.desksNeeded,
        desks: after.desks - before.desks,
        maxWaitDays: waitChange(after.maxWaitDays, before.maxWaitDays),
      },
    };
  });

  return { changes, services, branches };
}

function checkKeys(deltas: Record<string, number>, known: string[], field: string) {
  const unknown = Object.keys(deltas).filter((k) => !known.includes(k));
  if (unknown.length === 0) return;
  const fields: PlanFieldError[] = unknown.map((k) => ({
    field: `${field}.${k}`,
    message: C.unknownKey,
  }));
  throw planningErrors.invalid(
    C.unknownKey,
    fields,
    `${field} names ${unknown.join(', ')}, not in the base plan`,
  );
}

const negative = (field: string, key: string) =>
  planningErrors.invalid(
    C.negativeStaff,
    [{ field: `${field}.${key}`, message: C.negativeStaff }],
    `${field}.${key} leaves fewer than 0`,
  );
