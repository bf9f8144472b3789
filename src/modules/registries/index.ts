/**
 * The public face of module `registries` (issue 8): adapters to the national registers the
 * pipeline checks an applicant against (Residents' Register, SIS, wanted persons, VSD opinion,
 * Employment Service, Sodra, NŠA exams), each with a simulator behind the same port, called
 * through a resilience policy (timeout, retry, circuit breaker per register), as jobs.
 */
export {
  REGISTRY_IDS,
  CHECK_OUTCOMES,
  CHECK_STATES,
  type RegistryId,
  type CheckOutcome,
  type CheckState,
  type RegistrySubject,
  type RegistryCheck,
  type RegistriesService,
  type AnsweredListener,
  type RegistryAnswer,
  type RegistryAcknowledgement,
  type RegistryPort,
} from './registries.types';
export {
  createRegistriesModule,
  registriesOptionsFromConfig,
  DEFAULT_REGISTRIES_OPTIONS,
  REGISTRIES_JOBS,
  type RegistriesDeps,
  type RegistriesModule,
  type RegistriesOptions,
} from './registries.module';
export {
  createRegistrySimulators,
  simulatedAnswer,
  subjectKey,
  SIMULATED_RATES,
  type RegistrySimulators,
  type SimulatorOptions,
} from './simulators';
export { DEMO_REGISTRY_HITS, type DemoRegistryHit } from './demo-hits';
export {
  createCallPolicy,
  createResilience,
  resilient,
  DEFAULT_RESILIENCE,
  type BreakerState,
  type RegistryResilience,
  type ResiliencePolicyOptions,
} from './resilience';
export {
  loadRegistriesPack,
  registriesNeeded,
  RegistriesPack,
  type RegistryEntry,
} from './registries.pack';
export {
  registryCasePanel,
  registryApplicantView,
  type RegistryCasePanel,
  type RegistryApplicantView,
  type ApplicantCheckStatus,
} from './registries.view';
export { registriesErrors } from './errors';
