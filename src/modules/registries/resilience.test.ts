import { BrokenCircuitError, TaskCancelledError } from 'cockatiel';
import { describe, expect, it } from 'vitest';
import { createResilience, describeFailure, type ResiliencePolicyOptions } from './resilience';

const options: ResiliencePolicyOptions = {
  timeoutMs: 50,
  retries: 0,
  retryInitialDelayMs: 1,
  retryMaxDelayMs: 2,
  breakerFailures: 3,
  halfOpenAfterMs: 60_000,
};
const failing = () => Promise.reject(new Error('register down'));

describe('registry resilience', () => {
  it('opens a register’s breaker after consecutive failures, leaving the others closed', async () => {
    const r = createResilience(options);
    let calls = 0;
    const call = () => {
      calls++;
      return failing();
    };
    for (let i = 0; i < 3; i++)
      await expect(r.execute('sis', call)).rejects.toThrow('register down');
    expect(r.state('sis')).toBe('open');
    // Open: fails at once without calling the register.
    await expect(r.execute('sis', call)).rejects.toBeInstanceOf(BrokenCircuitError);
    expect(calls).toBe(3);
    expect(r.state('wanted')).toBe('closed');
    await expect(r.execute('wanted', async () => 'ok')).resolves.toBe('ok');
  });

  it('half-opens after the cool-off: a success closes it, a failure opens it again', async () => {
    // cockatiel's breaker reads the system clock: a short cool-off, waited out for real.
    const r = createResilience({ ...options, halfOpenAfterMs: 20 });
    const rest = () => new Promise((resolve) => setTimeout(resolve, 40));
    for (let i = 0; i < 3; i++) await r.execute('vsd', failing).catch(() => undefined);
    expect(r.state('vsd')).toBe('open');

    await rest();
    await expect(r.execute('vsd', failing)).rejects.toThrow('register down');
    expect(r.state('vsd')).toBe('open');

    await rest();
    await expect(r.execute('vsd', async () => 'answer')).resolves.toBe('answer');
    expect(r.state('vsd')).toBe('closed');
  });

  it('retries a failed call with backoff before giving up', async () => {
    const r = createResilience({ ...options, retries: 2 });
    let calls = 0;
    const flaky = async () => {
      calls++;
      if (calls < 3) throw new Error('flaky');
      return 'third time';
    };
    await expect(r.execute('sodra', flaky)).resolves.toBe('third time');
    expect(calls).toBe(3);
  });

  it('abandons a call that does not answer in time and aborts its signal', async () => {
    const r = createResilience(options);
    let aborted = false;
    const hang = (signal: AbortSignal) =>
      new Promise<string>((_, reject) => {
        signal.addEventListener('abort', () => {
          aborted = true;
          reject(new Error('aborted'));
        });
      });
    const e = await r.execute('education', hang).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TaskCancelledError);
    expect(aborted).toBe(true);
    expect(describeFailure(e)).toBe('timed out');
  });
});
