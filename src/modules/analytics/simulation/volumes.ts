/**
 * How many applications of each stream arrive on each day. The expected count spreads a stream's
 * yearly volume over the months by its seasonality (or that year's own pattern, e.g. the 2022
 * surge) and over a month's days by the weekday pattern; the drawn count is Poisson around it,
 * from a random source keyed by (seed, day, stream) only — so any day's count can be recomputed
 * without the days before it, which makes a run resumable and the totals known in advance.
 */
import { createRandom, type Random } from '../../../platform/random';
import type { SimCalendar } from './calendar';
import type { SimStreamParams, SimulationParams } from './params';

/** A 32-bit mix of two integers (murmur3's finaliser): nearby inputs give unrelated seeds. */
export function mix32(a: number, b: number): number {
  let h = (a ^ Math.imul(b | 0, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Applications of a stream in a calendar year: listed, or grown from the nearest listed year. */
export function yearVolume(stream: SimStreamParams, year: number, defaultGrowth: number): number {
  if (stream.volume.startYear !== undefined && year < stream.volume.startYear) return 0;
  const listed = stream.volume.years[String(year)];
  if (listed) return listed.count;
  const years = Object.keys(stream.volume.years).map(Number);
  const nearest = years.reduce((a, b) => (Math.abs(b - year) < Math.abs(a - year) ? b : a));
  const growth = stream.growth?.value ?? defaultGrowth;
  return stream.volume.years[String(nearest)]!.count * (1 + growth) ** (year - nearest);
}

/** The relative weight of a day for submissions: its weekday, or a holiday's (a quiet day). */
function dayWeight(params: SimulationParams, cal: SimCalendar, i: number): number {
  const wd = cal.weekday[i]!;
  if (!cal.working[i] && wd < 5) return params.holidayWeight.value;
  return params.dayOfWeek.weights[wd]!;
}

/**
 * Expected applications per stream and day over the window's indexes [0, last]; the window starts
 * on the first of a month and extends past `last`, so every month's weight sum is complete.
 */
export function expectedDaily(
  params: SimulationParams,
  cal: SimCalendar,
  last: number,
): Float64Array[] {
  // Sum of day weights per month, keyed by the index of the month's first day.
  const monthSum = new Map<number, number>();
  const monthStart = new Int32Array(last + 1);
  let start = 0;
  for (let i = 0; i < cal.length; i++) {
    if (i > 0 && cal.month[i] !== cal.month[i - 1]) {
      if (i > last) break;
      start = i;
    }
    if (i <= last) monthStart[i] = start;
    monthSum.set(start, (monthSum.get(start) ?? 0) + dayWeight(params, cal, i));
  }
  return params.streams.map((s) => {
    const out = new Float64Array(last + 1);
    const total = (w: number[]) => w.reduce((a, b) => a + b, 0);
    for (let i = 0; i <= last; i++) {
      const y = cal.year[i]!;
      const months = s.monthlyByYear?.[String(y)]?.weights ?? s.monthly.weights;
      const perMonth =
        (yearVolume(s, y, params.growth.value) * months[cal.month[i]!]!) / total(months);
      out[i] = (perMonth * dayWeight(params, cal, i)) / monthSum.get(monthStart[i]!)!;
    }
    return out;
  });
}

/** A Poisson draw: exact for small means, a rounded normal for large ones (fast and close). */
export function poisson(r: Random, mean: number): number {
  if (mean <= 0) return 0;
  if (mean < 30) {
    const limit = Math.exp(-mean);
    let k = 0;
    let p = r.next();
    while (p > limit) {
      k++;
      p *= r.next();
    }
    return k;
  }
  const z = Math.sqrt(-2 * Math.log(1 - r.next())) * Math.cos(2 * Math.PI * r.next());
  return Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
}

const COUNT_SALT = 0x5bd1e995;

/** A stable 32-bit key of a stream id (FNV-1a): counts do not move when streams are reordered. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Applications drawn per stream for each day index in [first, last], after scaling the expected
 * counts by `scale`; keyed by the calendar date (epoch day) so the same day gets the same count
 * whatever the run's range starts on.
 */
export function dailyCounts(
  expected: Float64Array[],
  cal: SimCalendar,
  first: number,
  last: number,
  scale: number,
  seed: number,
  streamKeys: readonly number[],
): Int32Array[] {
  return expected.map((perDay, s) => {
    const out = new Int32Array(last + 1);
    for (let i = first; i <= last; i++) {
      const r = createRandom(mix32(mix32(seed ^ COUNT_SALT, cal.epoch0 + i), streamKeys[s]!));
      out[i] = poisson(r, perDay[i]! * scale);
    }
    return out;
  });
}
