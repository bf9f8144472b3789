import { describe, expect, it } from 'vitest';
import { createRandom, type Random } from '../../../platform/random';
import { isAppError } from '../../../platform/errors';
import { OPEN_MEASURES, openStatistics, type OpenMonth } from './open-statistics';
import type { OpenRow } from './schemas';
import { isSmallCount } from './suppress';
import { possibleValues } from './test-support';

const TODAY = '2027-03-14';

const row = (month: string, service: string, c: Partial<OpenRow> = {}): OpenRow => ({
  month,
  service,
  applications: 0,
  decisions: 0,
  refusals: 0,
  processingDaysSum: 0,
  processingDaysCount: 0,
  ...c,
});

/** A service with enough of everything: nothing of it is small. */
const big = (month: string, service: string, k = 1): OpenRow =>
  row(month, service, {
    applications: 120 * k,
    decisions: 100 * k,
    refusals: 10 * k,
    processingDaysSum: 4_500 * k,
    processingDaysCount: 100 * k,
  });

const value = (m: OpenMonth, service: string | null, measure: (typeof OPEN_MEASURES)[number]) =>
  (service === null ? m.total : m.services.find((s) => s.service === service)!.figures)[measure];

/** The true value of a `measure:index` cell of `possibleValues` (index -1: the total). */
function trueValue(rows: OpenRow[], cell: string): number {
  const [measure, index] = cell.split(':') as ['applications' | 'decisions' | 'refusals', string];
  const i = Number(index);
  return i < 0 ? rows.reduce((sum, r) => sum + r[measure], 0) : rows[i]![measure];
}

/** A small random month: counts mostly around the threshold, so suppression is exercised. */
function randomRows(random: Random, month: string, services: string[]): OpenRow[] {
  const small = () => [0, 0, 1, 1, 2, 3, 4, 5, 6, 7, 8][random.int(11)]!;
  return services.map((service) => {
    const decisions = small();
    const refusals = random.chance(0.3) ? decisions : random.int(decisions + 1);
    const processingDaysCount = random.chance(0.5) ? decisions : random.int(15);
    return row(month, service, {
      applications: small(),
      decisions,
      refusals,
      processingDaysCount,
      processingDaysSum: processingDaysCount * (20 + random.int(60)),
    });
  });
}

describe('openStatistics', () => {
  it('publishes complete months only, oldest first', () => {
    const table = openStatistics(
      [big('2027-03', 'a'), big('2027-01', 'a'), big('2026-12', 'a'), big('2027-04', 'a')],
      { today: TODAY },
    );
    expect(table.months.map((m) => m.month)).toEqual(['2026-12', '2027-01']);
  });

  it('publishes months and services with enough data exactly', () => {
    const rows = [big('2027-01', 'a'), big('2027-01', 'b', 3), big('2027-02', 'a', 2)];
    const table = openStatistics(rows, { today: TODAY });
    const [jan, feb] = table.months;
    expect(value(jan!, 'a', 'applications')).toEqual({ value: 120, flag: null });
    expect(value(jan!, 'b', 'decisions')).toEqual({ value: 300, flag: null });
    expect(value(jan!, 'b', 'refusals')).toEqual({ value: 30, flag: null });
    expect(value(jan!, 'b', 'average-processing-days')).toEqual({ value: 45, flag: null });
    expect(value(jan!, null, 'applications')).toEqual({ value: 480, flag: null });
    expect(value(jan!, null, 'average-processing-days')).toEqual({ value: 45, flag: null });
    // b had no rows in February: zeros are shown, and there is no average to show.
    expect(value(feb!, 'b', 'applications')).toEqual({ value: 0, flag: null });
    expect(value(feb!, 'b', 'average-processing-days')).toEqual({ value: null, flag: null });
    for (const m of table.months)
      for (const measure of OPEN_MEASURES) {
        expect(m.total[measure].flag).toBeNull();
        for (const s of m.services) expect(s.figures[measure].flag).toBeNull();
      }
  });

  it('averages to one decimal, from the sums (not an average of averages)', () => {
    const table = openStatistics(
      [
        row('2027-01', 'a', { processingDaysSum: 100, processingDaysCount: 30, decisions: 30 }),
        row('2027-01', 'b', { processingDaysSum: 700, processingDaysCount: 10, decisions: 10 }),
      ],
      { today: TODAY },
    );
    const m = table.months[0]!;
    expect(value(m, 'a', 'average-processing-days').value).toBe(3.3);
    expect(value(m, null, 'average-processing-days').value).toBe(20);
  });

  it('hides a small service with a partner and keeps the others exact', () => {
    const rows = [
      big('2027-01', 'a'),
      big('2027-01', 'b', 2),
      row('2027-01', 'c', { applications: 3, decisions: 20, processingDaysCount: 20 }),
    ];
    const m = openStatistics(rows, { today: TODAY }).months[0]!;
    expect(value(m, 'c', 'applications')).toEqual({ value: null, flag: 'c' });
    expect(value(m, 'a', 'applications')).toEqual({ value: null, flag: 'c' }); // the partner
    expect(value(m, 'b', 'applications')).toEqual({ value: 240, flag: null });
    expect(value(m, null, 'applications')).toEqual({ value: 363, flag: null });
    expect(value(m, 'c', 'decisions')).toEqual({ value: 20, flag: null });
  });

  it('orders services by the catalogue, then by id, and adds up rows of a month and service', () => {
    const table = openStatistics(
      [big('2027-01', 'z'), big('2027-01', 'b'), big('2027-01', 'a'), big('2027-01', 'a')],
      { today: TODAY, serviceOrder: ['b', 'q'] },
    );
    expect(table.services).toEqual(['b', 'q', 'a', 'z']);
    expect(value(table.months[0]!, 'a', 'applications').value).toBe(240);
    expect(value(table.months[0]!, 'q', 'applications').value).toBe(0);
  });

  it('refuses rows that do not add up, with a stable code and the fields at fault', () => {
    const attempt = (rows: OpenRow[], today = TODAY) => {
      try {
        openStatistics(rows, { today });
        return null;
      } catch (e) {
        return isAppError(e) ? { code: e.code, details: e.details } : e;
      }
    };
    expect(attempt([row('2027-01', 'a', { decisions: 2, refusals: 3 })])).toEqual({
      code: 'ANALYTICS_OPEN_STATS_INVALID',
      details: { fields: [{ field: 'rows.0.refusals', message: 'refusals exceed decisions' }] },
    });
    expect(attempt([row('2027-13', 'a')])).toMatchObject({ code: 'ANALYTICS_OPEN_STATS_INVALID' });
    expect(attempt([row('2027-01', 'total')])).toMatchObject({
      code: 'ANALYTICS_OPEN_STATS_INVALID',
    });
    expect(attempt([row('2027-01', 'a', { applications: -1 })])).toMatchObject({
      code: 'ANALYTICS_OPEN_STATS_INVALID',
    });
    expect(attempt([], '2027-3-1')).toMatchObject({
      details: { fields: [{ field: 'today', message: 'expected YYYY-MM-DD' }] },
    });
  });

  it('is deterministic: the same rows in any order give the same table', () => {
    const random = createRandom(11);
    const rows = ['2026-11', '2026-12', '2027-01'].flatMap((m) =>
      randomRows(random, m, ['s1', 's2', 's3', 's4']),
    );
    const shuffled = [...rows].reverse();
    expect(openStatistics(shuffled, { today: TODAY })).toEqual(
      openStatistics(rows, { today: TODAY }),
    );
  });

  it('never lets a suppressed count be worked out from what is published (brute force)', () => {
    const random = createRandom(20271);
    let checkedHidden = 0;
    let checkedSmall = 0;
    for (let table = 0; table < 500; table++) {
      const services = ['s1', 's2', 's3', 's4'].slice(0, 2 + random.int(3));
      const rows = randomRows(random, '2027-01', services);
      const month = openStatistics(rows, { today: TODAY }).months[0]!;
      const cap = 2 + Math.max(...rows.flatMap((r) => [r.applications, r.decisions]));
      const where = JSON.stringify(rows);
      // From the published figures and the sums: no hidden count at all.
      for (const [cell, values] of possibleValues(month, cap)) {
        checkedHidden++;
        expect(values.size, `${cell} = ${[...values].join()} in ${where}`).toBeGreaterThanOrEqual(
          2,
        );
      }
      // Knowing the rule as well (a small count is below 5, a partner is the smallest one): no
      // small number of applications. Not claimed for decisions and refusals, whose bounds on each
      // other make the pattern itself tell in rare cases (README, "Limits").
      for (const [cell, values] of possibleValues(month, cap, { threshold: 5 })) {
        if (!cell.startsWith('applications:') || !isSmallCount(trueValue(rows, cell), 5)) continue;
        checkedSmall++;
        expect(
          values.size,
          `${cell} = ${[...values].join()} (rule known) in ${where}`,
        ).toBeGreaterThanOrEqual(2);
      }
    }
    // The tables did exercise suppression.
    expect(checkedHidden).toBeGreaterThan(300);
    expect(checkedSmall).toBeGreaterThan(100);
  });

  it('keeps a hidden count safe when the refusals of its partner bound it', () => {
    // Decisions a=1, b=6 with b's 6 all refusals: hiding only a and b would give a = 7 − 6.
    const rows = [
      row('2027-01', 'a', { decisions: 1, refusals: 0 }),
      row('2027-01', 'b', { decisions: 6, refusals: 6 }),
    ];
    const month = openStatistics(rows, { today: TODAY }).months[0]!;
    for (const values of possibleValues(month, 12).values())
      expect(values.size).toBeGreaterThanOrEqual(2);
  });

  it('never shows an average that the overall average would give back', () => {
    const random = createRandom(7);
    for (let table = 0; table < 200; table++) {
      const rows = randomRows(random, '2027-01', ['s1', 's2', 's3', 's4']);
      const m = openStatistics(rows, { today: TODAY }).months[0]!;
      const average = 'average-processing-days';
      const anyHidden = m.services.some(
        (s) => s.figures[average].flag === 'c' || s.figures.decisions.flag === 'c',
      );
      // Only one published equation ties averages (overall × N = Σ average × n): with the
      // overall hidden whenever any term is, it never has exactly one unknown.
      if (anyHidden) expect(m.total[average]).toEqual({ value: null, flag: 'c' });
      rows.forEach((r, i) => {
        const shown = m.services[i]!.figures[average];
        if (r.processingDaysCount > 0 && r.processingDaysCount < 10) expect(shown.flag).toBe('c');
        if (r.processingDaysCount >= 10) expect(shown.value).not.toBeNull();
      });
    }
  });
});
