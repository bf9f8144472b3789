/**
 * The staffing and appointment-capacity planner: pure functions of forecast demand and measured
 * pace (no clock, no randomness, no I/O). See README.md for the model.
 */
export { officersNeeded, plannedDemand, type OfficersPlan, type OfficersWeek } from './officers';
export { appointmentCapacity, type AppointmentPlan } from './appointments';
export {
  whatIf,
  type BranchComparison,
  type ServiceComparison,
  type WhatIfResult,
} from './what-if';
export {
  appointmentInputSchema,
  officersInputSchema,
  parsePlanInput,
  planningBaseSchema,
  whatIfChangesSchema,
  MAX_WEEKS,
  type AppointmentInput,
  type AppointmentInputRaw,
  type OfficersInput,
  type OfficersInputRaw,
  type PlanningBase,
  type PlanningBaseRaw,
  type WhatIfChanges,
} from './schemas';
export {
  PLAN_ERROR_CODES,
  planningErrors,
  type PlanErrorCode,
  type PlanFieldError,
} from './errors';
export type { PlanReason } from './explanation';
