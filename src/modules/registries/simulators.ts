import { createHmac } from 'node:crypto';
import type { Clock } from '../../platform/clock';
import { isWorkingDay, type HolidayRules } from '../catalogue';
import { nameKeys, spellingSkeleton } from '../persons';
import { DEMO_REGISTRY_HITS } from './demo-hits';
import {
  REGISTRY_IDS,
  type RegistryAnswer,
  type RegistryId,
  type RegistryPort,
  type RegistrySubject,
} from './registries.types';

export interface SimulatorOptions {
  /** Key of the synthetic population: the same seed and person always get the same answer. */
  seed: string;
  latencyMs: number;
  /** Share of calls (0–1) that fail with an error, and that hang until the caller's timeout. */
  errorRate: number;
  timeoutRate: number;
  /** Registers simulated as down from the start. */
  outage: readonly RegistryId[];
  clock: Clock;
  /** The country pack's public holidays, which the VSD does not count as working days. */
  holidays?: HolidayRules;
}

export interface RegistrySimulators {
  ports: Record<RegistryId, RegistryPort>;
  setOutage(id: RegistryId, on: boolean): void;
  setLatency(ms: number): void;
  setRates(rates: { errorRate?: number; timeoutRate?: number }): void;
  /** Calls each register received (tests). */
  calls(id: RegistryId): number;
}

/** Raised by a simulated register that is down or fails; the resilience policy handles it. */
export class SimulatedRegistryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SimulatedRegistryError';
  }
}

/**
 * The subject as the synthetic population knows it: name skeletons (the persons matcher's, so the
 * usual Latin spellings of one Cyrillic name reach the same entry) and date of birth.
 */
export function subjectKey(
  subject: Pick<RegistrySubject, 'givenNames' | 'surname' | 'dateOfBirth'>,
) {
  const names = nameKeys(subject.givenNames, subject.surname).map((k) =>
    k.tokens.map(spellingSkeleton).sort().join(' '),
  );
  names.sort();
  return `${names[0] ?? ''}|${subject.dateOfBirth ?? ''}`;
}

/** A number in [0, 1) drawn from the subject for one register and purpose (keyed hash). */
function draw(seed: string, registry: RegistryId, key: string, purpose: string): number {
  const h = createHmac('sha256', seed).update(`${registry}|${purpose}|${key}`).digest();
  return h.readUIntBE(0, 6) / 2 ** 48;
}

const ISSUING_STATES = ['POL', 'DEU', 'LVA', 'FIN', 'FRA', 'EST'];

/** Share of subjects with each result, per register (synthetic population). */
export const SIMULATED_RATES: Record<RegistryId, number> = {
  residents: 0.97,
  sis: 0.003,
  wanted: 0.001,
  vsd: 0.005,
  employment: 0.93,
  sodra: 0.95,
  education: 0.85,
};

/** What a register says about a subject: the demo list first, then the synthetic draw. */
export function simulatedAnswer(
  seed: string,
  registry: RegistryId,
  subject: RegistrySubject,
): RegistryAnswer {
  const key = subjectKey(subject);
  const demo = DEMO_REGISTRY_HITS.find((h) => h.registry === registry && subjectKey(h) === key);
  if (demo) return { outcome: demo.outcome, reasonCode: demo.reasonCode, details: demo.details };
  const d = draw(seed, registry, key, 'answer');
  const extra = draw(seed, registry, key, 'details');
  const rate = SIMULATED_RATES[registry];
  const code = Math.floor(extra * 1e7)
    .toString()
    .padStart(7, '0');
  switch (registry) {
    case 'sis':
      return d < rate
        ? {
            outcome: 'hit',
            reasonCode: 'sis-entry-ban-alert',
            details: {
              alertId: `SIS-${ISSUING_STATES[Math.floor(extra * ISSUING_STATES.length)]}-${code}`,
              issuingState: ISSUING_STATES[Math.floor(extra * ISSUING_STATES.length)],
            },
          }
        : { outcome: 'clear', reasonCode: null, details: {} };
    case 'wanted':
      return d < rate
        ? { outcome: 'hit', reasonCode: 'national-entry-ban', details: { banId: `DB-${code}` } }
        : { outcome: 'clear', reasonCode: null, details: {} };
    case 'vsd':
      return d < rate
        ? {
            outcome: 'hit',
            reasonCode: 'vsd-negative-opinion',
            details: { reference: `VSD-${code}` },
          }
        : { outcome: 'clear', reasonCode: null, details: {} };
    case 'residents':
      return d < rate
        ? { outcome: 'confirmed', reasonCode: null, details: { declaredAddress: true } }
        : { outcome: 'not-confirmed', reasonCode: 'no-declared-address', details: {} };
    case 'employment':
      return d < rate
        ? {
            outcome: 'confirmed',
            reasonCode: null,
            details: { labourMarketDecision: `UZT-${code}`, employerCode: subject.employerCode },
          }
        : {
            outcome: 'not-confirmed',
            reasonCode: 'no-labour-market-decision',
            details: { employerCode: subject.employerCode },
          };
    case 'sodra':
      return d < rate
        ? {
            outcome: 'confirmed',
            reasonCode: null,
            details: { insuredAsEmployee: true, employerCode: subject.employerCode },
          }
        : { outcome: 'not-confirmed', reasonCode: 'no-insured-employment', details: {} };
    case 'education':
      return d < rate
        ? {
            outcome: 'confirmed',
            reasonCode: null,
            details: { languageExam: 'passed', constitutionExam: 'passed' },
          }
        : { outcome: 'not-confirmed', reasonCode: 'exams-not-passed', details: {} };
  }
}

/** The VSD's answer time for a subject: 2–10 working days, the same for the same person. */
export function vsdWorkingDays(seed: string, subject: RegistrySubject): number {
  return 2 + Math.floor(draw(seed, 'vsd', subjectKey(subject), 'delay') * 9);
}

const NO_HOLIDAYS: HolidayRules = { fixed: [], easterOffsets: [] };

/** Adds working days (Monday to Friday, not a public holiday) to a moment, keeping its time. */
export function addWorkingDays(from: Date, days: number, holidays = NO_HOLIDAYS): Date {
  const d = new Date(from.getTime());
  let left = days;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (isWorkingDay(d.toISOString().slice(0, 10), holidays)) left--;
  }
  return d;
}

/** A small seeded generator for the simulated failures, so a run can be repeated. */
function prng(seed: string) {
  let s = createHmac('sha256', seed).update('failures').digest().readUInt32BE(0);
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(new SimulatedRegistryError('cancelled'));
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      reject(new SimulatedRegistryError('cancelled'));
    });
  });

/** One simulator per register behind the same port the real adapters will implement. */
export function createRegistrySimulators(options: SimulatorOptions): RegistrySimulators {
  const down = new Set<RegistryId>(options.outage);
  let latency = options.latencyMs;
  let { errorRate, timeoutRate } = options;
  const random = prng(options.seed);
  const counts = new Map<RegistryId, number>();

  /** Latency, outage and failures, as a real register would show them. */
  async function reach(id: RegistryId, signal?: AbortSignal) {
    counts.set(id, (counts.get(id) ?? 0) + 1);
    if (latency > 0) await sleep(latency, signal);
    if (down.has(id)) throw new SimulatedRegistryError(`${id} is unavailable (simulated outage)`);
    const r = random();
    if (r < errorRate) throw new SimulatedRegistryError(`${id} answered with an error (simulated)`);
    // A hung call: waits until the caller gives up (the timeout policy aborts the signal).
    if (r < errorRate + timeoutRate) {
      await sleep(60_000, signal);
      throw new SimulatedRegistryError(`${id} did not answer (simulated)`);
    }
  }

  const sync = (id: RegistryId): RegistryPort => ({
    kind: 'sync',
    async check(subject, signal) {
      await reach(id, signal);
      return simulatedAnswer(options.seed, id, subject);
    },
  });

  const vsd: RegistryPort = {
    kind: 'async',
    async submit(subject, signal) {
      await reach('vsd', signal);
      const at = options.clock.now();
      return {
        ticket: `vsd:${at.getTime()}`,
        expectedBy: addWorkingDays(at, vsdWorkingDays(options.seed, subject), options.holidays),
      };
    },
    async collect(ticket, subject, signal) {
      await reach('vsd', signal);
      const submitted = new Date(Number(ticket.split(':')[1]));
      const due = addWorkingDays(
        submitted,
        vsdWorkingDays(options.seed, subject),
        options.holidays,
      );
      if (options.clock.now() < due) return undefined;
      return simulatedAnswer(options.seed, 'vsd', subject);
    },
  };

  const ports = Object.fromEntries(
    REGISTRY_IDS.map((id) => [id, id === 'vsd' ? vsd : sync(id)]),
  ) as Record<RegistryId, RegistryPort>;

  return {
    ports,
    setOutage: (id, on) => void (on ? down.add(id) : down.delete(id)),
    setLatency: (ms) => void (latency = ms),
    setRates: (r) => {
      if (r.errorRate !== undefined) errorRate = r.errorRate;
      if (r.timeoutRate !== undefined) timeoutRate = r.timeoutRate;
    },
    calls: (id) => counts.get(id) ?? 0,
  };
}
