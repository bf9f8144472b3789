import { describe, expect, it } from 'vitest';
import type { CardProducer } from '../modules/cases';
import { DEFAULT_RESILIENCE } from '../modules/registries';
import { resilientProducer } from './production.wiring';

const FAST = {
  ...DEFAULT_RESILIENCE,
  retries: 2,
  retryInitialDelayMs: 1,
  retryMaxDelayMs: 2,
  breakerFailures: 3,
  halfOpenAfterMs: 60_000,
};

/** A producer that fails its first `failures` calls, counting every call it receives. */
function flakyProducer(failures: number) {
  let calls = 0;
  const producer: CardProducer = {
    async order() {
      calls++;
      if (calls <= failures) throw new Error('producer unavailable');
      return { producerOrderId: `order-${calls}` };
    },
    async status() {
      return { state: 'in-production' } as never;
    },
  };
  return { producer, calls: () => calls };
}

const CARD = {} as Parameters<CardProducer['order']>[0];

describe('the card producer behind the registers’ resilience policy', () => {
  it('retries a passing failure within one call', async () => {
    const flaky = flakyProducer(1);
    const producer = resilientProducer(flaky.producer, FAST);
    expect(await producer.order(CARD)).toEqual({ producerOrderId: 'order-2' });
    expect(flaky.calls()).toBe(2);
  });

  it('leaves a producer that keeps failing alone once the breaker opens', async () => {
    const flaky = flakyProducer(100);
    const producer = resilientProducer(flaky.producer, FAST);
    await expect(producer.order(CARD)).rejects.toThrow();
    const afterFirst = flaky.calls();
    expect(afterFirst).toBe(3); // the first try and two retries, each counted by the breaker
    await expect(producer.order(CARD)).rejects.toThrow();
    // The breaker is open: the second order fails at once without reaching the producer.
    expect(flaky.calls()).toBe(afterFirst);
  });
});
