import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  TaskCancelledError,
  TimeoutStrategy,
  circuitBreaker,
  handleAll,
  handleWhen,
  retry,
  timeout,
  wrap,
  type CircuitBreakerPolicy,
  type IPolicy,
} from 'cockatiel';
import { REGISTRY_IDS, type RegistryId } from './registries.types';

export interface ResiliencePolicyOptions {
  /** A call that has not answered by then is abandoned (its signal aborted). */
  timeoutMs: number;
  /** Further tries within one job run, with exponential backoff and jitter between them. */
  retries: number;
  retryInitialDelayMs: number;
  retryMaxDelayMs: number;
  /** Consecutive failures after which the breaker opens (calls fail at once, the register rests). */
  breakerFailures: number;
  /** How long the breaker stays open before it lets one trial call through (half-open). */
  halfOpenAfterMs: number;
}

export const DEFAULT_RESILIENCE: ResiliencePolicyOptions = {
  timeoutMs: 10_000,
  retries: 2,
  retryInitialDelayMs: 200,
  retryMaxDelayMs: 2_000,
  breakerFailures: 5,
  halfOpenAfterMs: 60_000,
};

export type BreakerState = 'closed' | 'open' | 'half-open' | 'isolated';

const STATES: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'isolated',
};

/**
 * One outward dependency's policy: retry (not while the breaker is open: that would only wait)
 * around a circuit breaker around a timeout. Each try that fails or times out counts towards
 * the breaker. Share one policy per dependency: the breaker's memory is in it.
 */
export function createCallPolicy(options: ResiliencePolicyOptions): {
  policy: IPolicy;
  breaker: CircuitBreakerPolicy;
} {
  const breaker = circuitBreaker(handleAll, {
    halfOpenAfter: options.halfOpenAfterMs,
    breaker: new ConsecutiveBreaker(options.breakerFailures),
  });
  const retrying = retry(
    handleWhen((e) => !(e instanceof BrokenCircuitError)),
    {
      maxAttempts: options.retries,
      backoff: new ExponentialBackoff({
        initialDelay: options.retryInitialDelayMs,
        maxDelay: options.retryMaxDelayMs,
      }),
    },
  );
  const limit = timeout(options.timeoutMs, TimeoutStrategy.Aggressive);
  return { policy: wrap(retrying, breaker, limit), breaker };
}

/** Runs a call through a policy; the call gets the signal the timeout aborts. */
export function resilient<T>(
  call: (signal: AbortSignal) => Promise<T>,
  policy: IPolicy,
): Promise<T> {
  return policy.execute(async ({ signal }) => {
    try {
      return await call(signal);
    } catch (e) {
      // A call that rejects as its signal is aborted lost to the timeout: say so, not how it ended.
      if (signal.aborted) throw new TaskCancelledError('timed out');
      throw e;
    }
  });
}

export interface RegistryResilience {
  execute<T>(registry: RegistryId, call: (signal: AbortSignal) => Promise<T>): Promise<T>;
  state(registry: RegistryId): BreakerState;
}

/** A breaker per register: one register down never slows the calls to the others. */
export function createResilience(
  options: ResiliencePolicyOptions = DEFAULT_RESILIENCE,
): RegistryResilience {
  const policies = new Map(REGISTRY_IDS.map((id) => [id, createCallPolicy(options)]));
  return {
    execute: (registry, call) => resilient(call, policies.get(registry)!.policy),
    state: (registry) => STATES[policies.get(registry)!.breaker.state],
  };
}

/** A short, personal-data-free description of a failed call, for last_error and the logs. */
export function describeFailure(e: unknown): string {
  if (e instanceof BrokenCircuitError) return 'circuit breaker open: the register is resting';
  if (e instanceof TaskCancelledError) return 'timed out';
  const message = e instanceof Error ? e.message : String(e);
  return message.slice(0, 200);
}
