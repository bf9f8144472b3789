import { describe, expect, it } from 'vitest';
import {
  createSimulation,
  expectedTotals,
  loadSimulationParams,
  timelineEvents,
  type SimApplication,
  type SimulationOptions,
} from './index';

const params = loadSimulationParams();
const run = (o: SimulationOptions) => [...createSimulation(params, o)];
const apps = (o: SimulationOptions) => run(o).flatMap((b) => b.applications);
const share = (list: SimApplication[], pick: (a: SimApplication) => boolean) =>
  list.filter(pick).length / list.length;
const month = (a: SimApplication) => a.submittedAt.slice(0, 7);

describe('createSimulation', () => {
  const small: SimulationOptions = {
    from: '2023-01-01',
    to: '2023-03-31',
    applications: 6000,
    seed: 42,
  };

  it('is deterministic for a seed and differs between seeds', () => {
    const a = run(small);
    expect(run(small)).toEqual(a);
    const b = run({ ...small, seed: 43 });
    const key = (x: typeof a) =>
      x.flatMap((d) => d.applications.map((p) => `${p.stream}${p.submittedAt}`));
    expect(key(b)).not.toEqual(key(a));
    expect(a[0]!.day).toBe('2023-01-01');
    expect(a.at(-1)!.day).toBe('2023-03-31');
    const ids = a.flatMap((d) => d.applications.map((p) => p.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('sim-42-0');
  });

  it('resumes after an interrupted day with the same ids and values', () => {
    const full = run(small);
    const resumed = run({ ...small, startAfterDay: '2023-02-14' });
    expect(resumed[0]!.day).toBe('2023-02-15');
    expect(resumed).toEqual(full.filter((d) => d.day > '2023-02-14'));
    const totals = expectedTotals(params, { ...small, startAfterDay: '2023-02-14' });
    expect(totals.remaining).toBe(resumed.reduce((n, d) => n + d.applications.length, 0));
    expect(totals.applications).toBe(full.reduce((n, d) => n + d.applications.length, 0));
  });

  it('yields close to the requested scale, keeping the natural mix', () => {
    const o: SimulationOptions = {
      from: '2023-01-01',
      to: '2023-12-31',
      applications: 40000,
      seed: 1,
    };
    const t = expectedTotals(params, o);
    expect(t.days).toBe(365);
    expect(Math.abs(t.applications - 40000) / 40000).toBeLessThan(0.02);
    const natural = expectedTotals(params, { ...o, applications: undefined });
    for (const id of ['passport', 'trp-first', 'prp']) {
      const want = natural.byStream[id]! / natural.applications;
      expect(t.byStream[id]! / t.applications, id).toBeCloseTo(want, 2);
    }
    // The sourced yearly volumes are the natural scale (2023: 355,441 ID cards, §5).
    expect(Math.abs(natural.byStream['id-card']! - 355441) / 355441).toBeLessThan(0.01);
    expect(apps(o).length).toBe(t.applications);
  });

  it('shows the 2022 temporary-protection surge and the Nov–Mar renewal cluster', () => {
    const tp = apps({
      from: '2021-01-01',
      to: '2024-12-31',
      seed: 5,
      streams: ['tp-first', 'tp-renewal'],
      applications: 30000,
    });
    const count = (m: string, stream: string) =>
      tp.filter((a) => a.stream === stream && month(a) === m).length;
    expect(count('2021-03', 'tp-first')).toBe(0);
    expect(count('2022-03', 'tp-first')).toBeGreaterThan(10 * count('2023-03', 'tp-first'));
    const renewals2024 = tp.filter(
      (a) => a.stream === 'tp-renewal' && a.submittedAt.startsWith('2024'),
    );
    const cluster = share(renewals2024, (a) =>
      ['01', '02', '03', '11', '12'].includes(a.submittedAt.slice(5, 7)),
    );
    expect(cluster).toBeGreaterThan(0.85);
    expect(tp.filter((a) => a.stream === 'tp-renewal' && a.submittedAt < '2023').length).toBe(0);
  });

  it('peaks passports in summer and in the 2022 record, and grows foreigners year on year', () => {
    const o: SimulationOptions = {
      from: '2022-01-01',
      to: '2023-12-31',
      seed: 9,
      streams: ['passport', 'trp-first'],
      applications: 40000,
    };
    const list = apps(o);
    const n = (m: string, s: string) => list.filter((a) => a.stream === s && month(a) === m).length;
    expect(n('2023-06', 'passport')).toBeGreaterThan(1.4 * n('2023-01', 'passport'));
    expect(n('2022-03', 'passport')).toBeGreaterThan(2 * n('2022-01', 'passport'));
    const year = (y: string, s: string) =>
      list.filter((a) => a.stream === s && a.submittedAt.startsWith(y)).length;
    expect(year('2022', 'passport')).toBeGreaterThan(1.5 * year('2023', 'passport'));
    expect(year('2023', 'trp-first')).toBeGreaterThan(2 * year('2022', 'trp-first'));
    // Beyond the sourced years, volumes grow by the yearly growth (30 %).
    const g = expectedTotals(params, {
      from: '2025-01-01',
      to: '2026-12-31',
      seed: 1,
      streams: ['trp-first'],
    });
    const y25 = expectedTotals(params, {
      from: '2025-01-01',
      to: '2025-12-31',
      seed: 1,
      streams: ['trp-first'],
    });
    expect((g.applications - y25.applications) / y25.applications).toBeCloseTo(1.3, 1);
  });

  it('keeps weekends quiet and desks closed on non-working days', () => {
    const list = apps({ from: '2024-01-01', to: '2024-06-30', seed: 3, applications: 30000 });
    const weekday = (a: SimApplication) => new Date(a.submittedAt).getUTCDay();
    expect(share(list, (a) => weekday(a) === 0 || weekday(a) === 6)).toBeLessThan(0.05);
    const closed = list.filter((a) => weekday(a) === 0 || weekday(a) === 6);
    expect(closed.every((a) => a.channel === 'portal')).toBe(true);
  });

  it('draws nationality, channel, branch and ground shares within tolerance', () => {
    const list = apps({
      from: '2024-01-01',
      to: '2024-12-31',
      seed: 11,
      streams: ['trp-first'],
      applications: 20000,
    });
    const s = params.streams.find((x) => x.id === 'trp-first')!;
    const norm = (w: Record<string, number>, k: string) =>
      w[k]! / Object.values(w).reduce((a, b) => a + b, 0);
    for (const g of ['BY', 'UA', 'UZ'])
      expect(share(list, (a) => a.nationality === g)).toBeCloseTo(
        norm(s.nationality.weights, g),
        1,
      );
    for (const c of ['portal', 'partner'])
      expect(
        Math.abs(share(list, (a) => a.channel === c) - norm(s.channels.weights, c)),
      ).toBeLessThan(0.03);
    expect(
      Math.abs(share(list, (a) => a.branch === 'VLN') - norm(params.branches.weights, 'VLN')),
    ).toBeLessThan(0.02);
    expect(
      Math.abs(share(list, (a) => a.ground === 'work') - norm(s.grounds.weights, 'work')),
    ).toBeLessThan(0.02);
    expect(share(list, (a) => a.timeline.decision?.outcome === 'refused')).toBeCloseTo(
      s.refusalShare.value,
      1,
    );
    expect(
      Math.abs(
        share(list, (a) => a.timeline.informationRequests.length > 0) -
          s.informationRequestShare.value,
      ),
    ).toBeLessThan(0.03);
  });

  it('plans ordered timelines: submitted ≤ visit ≤ decision ≤ production ≤ issue', () => {
    const list = apps({ from: '2023-10-01', to: '2024-03-31', seed: 21, applications: 20000 });
    let lapsed = 0;
    for (const a of list) {
      const days = timelineEvents(a).map((e) => e.on);
      expect([...days].sort(), a.id).toEqual(days);
      if (a.timeline.lapsedOn) lapsed++;
      else expect(a.timeline.decision, a.id).toBeDefined();
      if (a.timeline.decision?.outcome === 'refused') expect(a.timeline.issuedOn).toBeUndefined();
    }
    // A second missed visit closes the request: about noShow² of the portal visits.
    expect(lapsed / list.length).toBeLessThan(0.02);
    expect(lapsed).toBeGreaterThan(0);
  });

  it('decides mostly within the legal term, with a realistic late tail', () => {
    const list = apps({
      from: '2024-01-01',
      to: '2024-12-31',
      seed: 8,
      streams: ['trp-first', 'prp', 'national-visa'],
      applications: 20000,
    });
    const decided = list.filter((a) => a.timeline.decision);
    const late = decided.filter((a) => a.timeline.decision!.on > a.timeline.dueOn!);
    expect(late.length / decided.length).toBeGreaterThan(0.05);
    expect(late.length / decided.length).toBeLessThan(0.15);
    const days = (a: SimApplication) =>
      (Date.parse(a.timeline.decision!.on) - Date.parse(a.timeline.acceptedOn!)) / 86_400_000;
    const trp = decided
      .filter((a) => a.stream === 'trp-first' && a.ground === 'work')
      .map(days)
      .sort((x, y) => x - y);
    const median = trp[Math.floor(trp.length / 2)]!;
    expect(median).toBeGreaterThan(40); // a 4-month term, median ~55 % of it
    expect(median).toBeLessThan(90);
    expect(trp.at(-1)!).toBeLessThan(123 + 60 + 365);
  });

  it('refuses bad options with a stable code', () => {
    const bad = (o: Partial<SimulationOptions>) => () =>
      createSimulation(params, { ...small, ...o });
    const code = expect.objectContaining({ code: 'SIMULATION_OPTIONS_INVALID' });
    expect(bad({ to: '2022-12-31' })).toThrow(code);
    expect(bad({ from: '2023-02-30' })).toThrow(code);
    expect(bad({ seed: -1 })).toThrow(code);
    expect(bad({ applications: 0 })).toThrow(code);
    expect(bad({ streams: ['nope'] })).toThrow(code);
    expect(() =>
      createSimulation(params, {
        from: '2019-01-01',
        to: '2019-12-31',
        seed: 1,
        streams: ['tp-first'],
        applications: 10,
      }),
    ).toThrow(code);
  });
});
