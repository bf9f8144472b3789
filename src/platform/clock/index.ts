import { randomBytes, randomUUID } from 'node:crypto';

/** Injected so tests and simulations can move time (legal deadlines depend on it). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to; for tests. */
export function fixedClock(
  start: Date | string,
): Clock & { set(d: Date | string): void; advance(ms: number): void } {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (d) => {
      t = new Date(d).getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

/** Injected id source: uuids for rows, url-safe random tokens for secrets handed to users. */
export interface Ids {
  uuid(): string;
  token(bytes?: number): string;
}

export const randomIds: Ids = {
  uuid: () => randomUUID(),
  token: (bytes = 32) => randomBytes(bytes).toString('base64url'),
};
