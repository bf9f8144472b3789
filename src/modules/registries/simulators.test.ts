import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock';
import { DEMO_REGISTRY_HITS } from './demo-hits';
import type { RegistryId } from './registries.types';
import {
  SIMULATED_RATES,
  addWorkingDays,
  createRegistrySimulators,
  simulatedAnswer,
  subjectKey,
  vsdWorkingDays,
} from './simulators';
import { subject } from './registries.test-support';

const SEED = 'test-seed';
const GIVEN = [
  'Anna',
  'Oleksandr',
  'Priya',
  'Jonas',
  'Maria',
  'Ahmed',
  'Li',
  'Sergei',
  'Fatima',
  'Tomas',
];
const FAMILY = [
  'Kovalenko',
  'Sharma',
  'Petrov',
  'Kazlauskas',
  'Nguyen',
  'Rahman',
  'Ivanou',
  'Silva',
];

/** 10 000 distinct synthetic subjects: name pairs and dates of birth spread over 30 years. */
const population = Array.from({ length: 10_000 }, (_, i) =>
  subject({
    givenNames: GIVEN[i % GIVEN.length]!,
    surname: FAMILY[Math.floor(i / GIVEN.length) % FAMILY.length]!,
    dateOfBirth: new Date(Date.UTC(1960, 0, 1) + i * 86_400_000 * 1.07).toISOString().slice(0, 10),
  }),
);

const share = (registry: RegistryId, outcome: string) =>
  population.filter((s) => simulatedAnswer(SEED, registry, s).outcome === outcome).length /
  population.length;

describe('registry simulators', () => {
  it('answer the same person the same way, whatever the spelling of the name', () => {
    const a = subject({ givenNames: 'Oleksandr', surname: 'Kovalenko' });
    for (const r of ['sis', 'sodra', 'education'] as RegistryId[]) {
      expect(simulatedAnswer(SEED, r, a)).toEqual(simulatedAnswer(SEED, r, { ...a }));
    }
    expect(subjectKey(subject({ givenNames: 'Олександр', surname: 'Коваленко' }))).toBe(
      subjectKey(subject({ givenNames: 'Oleksandr', surname: 'Kovalenko' })),
    );
    const spellings = [
      ['Марія', 'Шевченко'],
      ['Mariia', 'Shevchenko'],
      ['Marija', 'Ševčenko'],
      ['Maria', 'Shevchenko'],
    ].map(([givenNames, surname]) => subjectKey(subject({ givenNames, surname })));
    expect(new Set(spellings).size).toBe(1);
    const ukrainian = [
      ['Юлия', 'Ковальчук'],
      ['Yuliia', 'Kovalchuk'],
      ['Iuliia', 'Kovalchuk'],
      ['Julija', 'Kovalčuk'],
    ].map(([givenNames, surname]) => subjectKey(subject({ givenNames, surname })));
    expect(new Set(ukrainian).size).toBe(1);
    expect(subjectKey(subject({ dateOfBirth: '1990-01-02' }))).not.toBe(subjectKey(subject()));
    expect(subjectKey(subject({ givenNames: 'Jonas' }))).not.toBe(subjectKey(subject()));
  });

  it('give the demo subjects their fixed hit under a Latin or a Cyrillic name', () => {
    const sis = DEMO_REGISTRY_HITS.find((h) => h.registry === 'sis')!;
    const latin = subject({
      givenNames: sis.givenNames,
      surname: sis.surname,
      dateOfBirth: sis.dateOfBirth,
    });
    const cyrillic = { ...latin, givenNames: 'Виктор', surname: 'Морозов' };
    for (const s of [latin, cyrillic]) {
      const a = simulatedAnswer('any-seed', 'sis', s);
      expect(a.outcome).toBe('hit');
      expect(a.reasonCode).toBe('sis-entry-ban-alert');
    }
    // The fixed hit is for that register only.
    expect(simulatedAnswer('any-seed', 'wanted', latin).outcome).toBe(
      simulatedAnswer('any-seed', 'wanted', { ...latin }).outcome,
    );
  });

  it('draw rates close to the configured ones over 10 000 synthetic subjects', () => {
    expect(new Set(population.map(subjectKey)).size).toBe(population.length);
    const hits = {
      sis: share('sis', 'hit'),
      wanted: share('wanted', 'hit'),
      vsd: share('vsd', 'hit'),
    };
    expect(hits.sis).toBeGreaterThan(0.001);
    expect(hits.sis).toBeLessThan(0.006);
    expect(hits.wanted).toBeLessThan(0.003);
    expect(hits.vsd).toBeGreaterThan(0.002);
    expect(hits.vsd).toBeLessThan(0.009);
    for (const r of ['sodra', 'employment', 'education', 'residents'] as RegistryId[]) {
      expect(Math.abs(share(r, 'confirmed') - SIMULATED_RATES[r])).toBeLessThan(0.015);
    }
  });

  it('give the VSD an answer time of 2 to 10 working days, fixed per person', () => {
    const days = population.slice(0, 2000).map((s) => vsdWorkingDays(SEED, s));
    expect(Math.min(...days)).toBe(2);
    expect(Math.max(...days)).toBe(10);
    expect(vsdWorkingDays(SEED, population[7]!)).toBe(vsdWorkingDays(SEED, population[7]!));
    // Friday + 1 working day is Monday.
    expect(addWorkingDays(new Date('2026-12-04T10:00:00Z'), 1).toISOString()).toBe(
      '2026-12-07T10:00:00.000Z',
    );
    expect(
      addWorkingDays(new Date('2026-12-23T10:00:00Z'), 2, {
        fixed: ['12-24', '12-25'],
        easterOffsets: [],
      }).toISOString(),
    ).toBe('2026-12-29T10:00:00.000Z');
  });

  it('fail at the configured error rate, and always while a register is down', async () => {
    const sims = createRegistrySimulators({
      seed: SEED,
      latencyMs: 0,
      errorRate: 0.2,
      timeoutRate: 0,
      outage: ['sodra'],
      clock: fixedClock('2026-12-01T09:00:00Z'),
    });
    const sis = sims.ports.sis;
    if (sis.kind !== 'sync') throw new Error('sis answers at once');
    let failures = 0;
    for (let i = 0; i < 2000; i++) await sis.check(population[i]!).catch(() => failures++);
    expect(failures / 2000).toBeGreaterThan(0.15);
    expect(failures / 2000).toBeLessThan(0.25);

    const sodra = sims.ports.sodra;
    if (sodra.kind !== 'sync') throw new Error('sodra answers at once');
    sims.setRates({ errorRate: 0 });
    await expect(sodra.check(subject())).rejects.toThrow(/unavailable/);
    sims.setOutage('sodra', false);
    await expect(sodra.check(subject())).resolves.toMatchObject({ outcome: expect.any(String) });
    expect(sims.calls('sodra')).toBe(2);
  });

  it('let the VSD answer only once its expected date has come', async () => {
    const clock = fixedClock('2026-12-01T09:00:00Z');
    const sims = createRegistrySimulators({
      seed: SEED,
      latencyMs: 0,
      errorRate: 0,
      timeoutRate: 0,
      outage: [],
      clock,
    });
    const vsd = sims.ports.vsd;
    if (vsd.kind !== 'async') throw new Error('vsd answers later');
    const ack = await vsd.submit(subject());
    expect(ack.expectedBy.getTime()).toBeGreaterThan(clock.now().getTime());
    expect(await vsd.collect(ack.ticket, subject())).toBeUndefined();
    clock.set(ack.expectedBy);
    expect(await vsd.collect(ack.ticket, subject())).toMatchObject({ outcome: expect.any(String) });
  });
});
