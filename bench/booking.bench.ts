import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CompiledQuery, createQueryId, sql } from 'kysely';
import { buildApp } from '../src/app/build-app';
import { createContext } from '../src/app/context';
import type { AppointmentsModule } from '../src/modules/appointments';
import { localDate } from '../src/modules/catalogue';
import type { Db } from '../src/platform/db';
import { checkMetrics, percentile, progress, ratio, type Benchmark, type Metrics } from './bench';
import { benchConfig } from './app-config';
import {
  checkAgainstMaterialise,
  checkDays,
  insertCalendars,
  offeredServices,
  sampleDays,
} from './booking-data';
import { openBenchDatabase } from './database';
import { captureQueries } from './queues.bench';
import { explainSummary } from './queues-plan';

/** Targets (docs/benchmarks.md): the visit page's "next free time per branch", per page. */
const TARGET_PAGE_P95_MS = 50;
/** Places handed out per second while far more clients than places rush them (PostgreSQL). */
const TARGET_CONTENDED_BOOKINGS_PER_S = 200;
const YEAR_DAYS = 365;
const BOOKED_OUT_MONTHS = 3;
/** The rush: this many slots of the contended service, each with its desks (2 at KNS). */
const CONTENDED_SLOTS = 10;
const RUSH_BRANCH = 'KNS';
const RUSH_SERVICE = 'temporary-residence-permit';

type Visits = AppointmentsModule['visits'];
type Eligible = Parameters<Visits['nextPerBranch']>[1];

/** Sorted samples as p50/p95/p99 metrics under `name`. */
function percentiles(metrics: Metrics, name: string, xs: number[]) {
  xs.sort((a, b) => a - b);
  metrics[`${name}_p50_ms`] = percentile(xs, 50);
  metrics[`${name}_p95_ms`] = percentile(xs, 95);
  metrics[`${name}_p99_ms`] = percentile(xs, 99);
}

/**
 * Booking under load (issue 5): "next available date per branch" with a year of calendars for
 * every branch and service of content/lt/branches.yaml, and many clients rushing a few places.
 * Everything goes through the app's own appointments module (`buildApp`, production settings):
 * the visit page's `visits.nextPerBranch`, `booking.freeSlots`, `booking.book`.
 */
export const bookingBenchmark: Benchmark = {
  async run({ engine, quick, env }) {
    // --quick: a quarter of calendars with its first month booked out (a few seconds in CI).
    const days = quick ? 92 : YEAR_DAYS;
    const bookedOutMonths = quick ? 1 : BOOKED_OUT_MONTHS;
    const rounds = quick ? 15 : 200;
    const clients = quick ? 40 : 200;
    const rushRounds = quick ? 1 : 20;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vartai-bench-booking-'));
    const opened = await openBenchDatabase(engine, env);
    const capture = captureQueries();
    const database = { ...opened, db: opened.db.withPlugin(capture.plugin) };
    const db: Db = opened.db;
    let app: Awaited<ReturnType<typeof buildApp>> | undefined;
    try {
      progress('building the app');
      const ctx = await createContext(benchConfig(dataDir, { SEED_DEMO: 'false' }), { database });
      app = await buildApp(ctx);
      const { appointments } = app.modules;
      const { booking, visits } = appointments;
      const now = ctx.clock.now();
      const fromDay = localDate(now);
      const offered = offeredServices(appointments);
      const metrics: Metrics = {};
      const params: Record<string, string | number | boolean> = {};

      // A year of calendars for every branch × service (a quarter with --quick).
      const g0 = performance.now();
      if (quick) {
        progress(`${days} days of calendars from ${fromDay}, set-based`);
        await insertCalendars(db, appointments, fromDay, days);
        metrics.calendars_sql_ms = performance.now() - g0;
        const sample = sampleDays(fromDay, days, 11);
        metrics.checked_slots_count = await checkDays(db, appointments, sample);
        params.calendars = `set-based SQL (bench/booking-data.ts); ${sample.length} sample days checked against slotsOn`;
      } else {
        progress(`${days} days of calendars from ${fromDay} through booking.materialise`);
        for (const o of offered) await booking.materialise(o.branch, o.serviceId, fromDay, days);
        metrics.materialise_year_ms = performance.now() - g0;
        progress('checking the set-based calendars against materialise');
        await checkAgainstMaterialise(db, appointments, fromDay, days);
        params.calendars = `booking.materialise, ${days} days per branch × service; the set-based statement checked equal`;
      }
      await sql`vacuum analyze appointment_slots`.execute(db);
      const total = await sql<{
        n: number;
      }>`select count(*)::int as n from appointment_slots`.execute(db);
      metrics.slots_count = total.rows[0]!.n;
      metrics.branch_services_count = offered.length;

      // "Next free time at every branch" as the visit page asks it, and one branch alone.
      const services = [...new Set(offered.map((o) => o.serviceId))];
      const applicationFor = (serviceId: string) => ({
        id: randomUUID(),
        reference: null,
        serviceId,
        state: 'submitted',
        submittedAt: now,
      });
      const eligible: Eligible = { ok: true, until: null };
      const slotIds = (
        await sql<{
          id: string;
        }>`select id from appointment_slots order by random() limit 64`.execute(db)
      ).rows.map((r) => r.id);
      const measureNext = async (state: string) => {
        const page: number[] = [];
        const single: number[] = [];
        const pk: number[] = [];
        let k = 0;
        progress(`${rounds} rounds of next free times, ${state}`);
        for (let round = -3; round < rounds; round++) {
          for (const s of services) {
            const t0 = performance.now();
            await visits.nextPerBranch(applicationFor(s), eligible, 'lt');
            if (round >= 0) page.push(performance.now() - t0);
          }
          for (const o of offered) {
            const t0 = performance.now();
            await booking.freeSlots(o.branch, o.serviceId, 1);
            if (round >= 0) single.push(performance.now() - t0);
          }
          const t0 = performance.now();
          await sql`select * from appointment_slots where id = ${slotIds[k++ % slotIds.length]}::uuid`.execute(
            db,
          );
          if (round >= 0) pk.push(performance.now() - t0);
        }
        percentiles(metrics, `next_free_page_${state}`, page);
        percentiles(metrics, `next_free_query_${state}`, single);
        percentiles(metrics, `pk_lookup_${state}`, pk);
      };
      await measureNext('open');

      // The realistic worst case: every place of the first three months taken (one with --quick).
      const boundary = new Date(now);
      boundary.setUTCMonth(boundary.getUTCMonth() + bookedOutMonths);
      const full = await sql`update appointment_slots set booked = capacity
        where starts_at < ${boundary} and booked < capacity`.execute(db);
      metrics.booked_out_slots_count = Number(full.numAffectedRows ?? 0);
      await sql`vacuum analyze appointment_slots`.execute(db);
      for (const s of services) {
        const rows = await visits.nextPerBranch(applicationFor(s), eligible, 'lt');
        const early = rows.find((r) => !r.next || r.next < boundary);
        if (early)
          throw new Error(`${early.code} offers ${s} at ${String(early.next)}: not booked out`);
      }
      await measureNext('booked_out');

      progress('EXPLAIN of the next free time query');
      const nodes = await capture.during(() => booking.freeSlots(RUSH_BRANCH, RUSH_SERVICE, 1));
      for (const node of nodes) {
        const compiled = opened.db.getExecutor().compileQuery(node, createQueryId());
        if (!/\bfrom "appointment_slots"/i.test(compiled.sql)) continue;
        const r = await opened.db.executeQuery<{ 'QUERY PLAN': unknown }>(
          CompiledQuery.raw(`explain (analyze, format json) ${compiled.sql}`, [
            ...compiled.parameters,
          ]),
        );
        const plan = explainSummary(r.rows[0]!['QUERY PLAN']);
        params.plan_next_free_query = plan.text;
        metrics.plan_next_free_query_ms = plan.executionMs;
      }

      Object.assign(metrics, await rush(db, booking, clients, rushRounds));

      const page95 = metrics.next_free_page_booked_out_p95_ms!;
      metrics.next_free_page_vs_pk_lookup_ratio = ratio(
        page95,
        metrics.pk_lookup_booked_out_p95_ms!,
      );
      Object.assign(params, {
        days,
        from_day: fromDay,
        branches: appointments.branches().length,
        services: services.length,
        booked_out_months: bookedOutMonths,
        rounds,
        page: `visits.nextPerBranch for one service (${appointments.branches().length} branches), each of ${services.length} services per round`,
        query: 'booking.freeSlots(branch, service, 1), every branch × service per round',
        rush: `${clients} clients (every tenth a second tab of the one before: same application), ${CONTENDED_SLOTS} slots of ${RUSH_SERVICE} at ${RUSH_BRANCH}, each client tries them in its own random order until booked; ${rushRounds} rounds`,
        uncontended: `the same clients, each pair on its own slot (no refusals)`,
        // bench/database.ts opens PostgreSQL with the app's default DATABASE_POOL_MAX (10).
        pool_max: engine === 'postgres' ? 10 : 1,
        target_page_p95_ms: TARGET_PAGE_P95_MS,
        page_within_target: page95 < TARGET_PAGE_P95_MS,
        target_contended_bookings_per_s: TARGET_CONTENDED_BOOKINGS_PER_S,
        contended_within_target: metrics.rush_bookings_per_s! >= TARGET_CONTENDED_BOOKINGS_PER_S,
      });
      // Every booking's audit entry linked into the chain before the database goes.
      await app.modules.audit.drain();
      return { name: 'booking', engine, params, metrics: checkMetrics(metrics) };
    } finally {
      await app?.server.close();
      await opened.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  },
};

type Booking = AppointmentsModule['booking'];
interface Who {
  applicationId: string;
  accountId: string;
}

/**
 * Many clients rush a few places: the first free slots of one service at one branch (what the
 * visit page shows first). Each round starts from empty slots; every client tries the slots in
 * its own random order until one is booked (or its application already has one), like a person
 * clicking the next time after each "taken". Every tenth client is a second tab of the client
 * before it (the same application), so the one-active-appointment rule is raced too. Between
 * the rushes, the same clients book without contention (two per slot, one attempt each) as the
 * reference. Correctness is checked after every round; a breach fails the run.
 */
async function rush(db: Db, booking: Booking, clients: number, rounds: number): Promise<Metrics> {
  const uncontendedSlots = Math.ceil(clients / 2);
  const free = await booking.freeSlots(
    RUSH_BRANCH,
    RUSH_SERVICE,
    CONTENDED_SLOTS + uncontendedSlots,
  );
  if (free.length < CONTENDED_SLOTS + uncontendedSlots) throw new Error('not enough free slots');
  const contended = free.slice(0, CONTENDED_SLOTS);
  const spread = free.slice(CONTENDED_SLOTS);
  if (spread.some((s) => s.capacity < 2)) throw new Error('the reference needs two places a slot');
  const places = contended.reduce((n, s) => n + s.capacity, 0);
  const ids = free.map((s) => s.id);

  const reset = async () => {
    await sql`delete from appointments where slot_id = any(${ids}::uuid[])`.execute(db);
    await sql`update appointment_slots set booked = 0 where id = any(${ids}::uuid[])`.execute(db);
  };
  const check = async (expectBooked: number, slotIds: string[]) => {
    const slots = await sql<{ id: string; capacity: number; booked: number; active: number }>`
      select s.id, s.capacity, s.booked,
        (select count(*)::int from appointments a where a.slot_id = s.id and a.state = 'booked')
          as active
      from appointment_slots s where s.id = any(${slotIds}::uuid[])`.execute(db);
    const booked = slots.rows.reduce((n, s) => n + s.booked, 0);
    const bad = slots.rows.find((s) => s.booked > s.capacity || s.booked !== s.active);
    if (bad)
      throw new Error(
        `slot ${bad.id}: ${bad.booked} booked, ${bad.active} appointments, capacity ${bad.capacity}`,
      );
    if (booked !== expectBooked)
      throw new Error(`${booked} places booked, expected ${expectBooked}`);
    const twice = await sql<{ n: number }>`select count(*)::int as n from (
        select application_id from appointments where state = 'booked'
        group by application_id having count(*) > 1) x`.execute(db);
    if (twice.rows[0]!.n > 0) throw new Error(`${twice.rows[0]!.n} applications booked twice`);
  };
  const newWho = (): Who => ({ applicationId: randomUUID(), accountId: randomUUID() });
  const shuffled = <T>(xs: T[]) => {
    const a = [...xs];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a;
  };

  const attemptMs: number[] = [];
  const uncontendedMs: number[] = [];
  const roundMs: number[] = [];
  const fillMs: number[] = [];
  let booked = 0;
  let taken = 0;
  let already = 0;
  let attempts = 0;
  let fillSec = 0;
  let rushSec = 0;
  let plainBooked = 0;
  let plainSec = 0;
  progress(
    `${rounds} rushes of ${clients} clients for ${places} places, and as many uncontended rounds`,
  );
  for (let round = -1; round < rounds; round++) {
    const counted = round >= 0;
    // The rush.
    await reset();
    const whos: Who[] = [];
    for (let i = 0; i < clients; i++) whos.push(i % 10 === 9 ? whos[i - 1]! : newWho());
    const distinct = new Set(whos.map((w) => w.applicationId)).size;
    const t0 = performance.now();
    let lastWin = t0;
    await Promise.all(
      whos.map(async (who) => {
        for (const slot of shuffled(contended)) {
          const a0 = performance.now();
          const r = await booking.book({ ...who, slotId: slot.id });
          const a1 = performance.now();
          if (counted) {
            attemptMs.push(a1 - a0);
            attempts += 1;
          }
          if (r.ok) {
            lastWin = Math.max(lastWin, a1);
            if (counted) booked += 1;
            return;
          }
          if (r.reason === 'already-booked') {
            if (counted) already += 1;
            return;
          }
          if (r.reason !== 'taken') throw new Error(`unexpected refusal: ${r.reason}`);
          if (counted) taken += 1;
        }
      }),
    );
    const t1 = performance.now();
    await check(
      Math.min(places, distinct),
      contended.map((s) => s.id),
    );
    if (counted) {
      fillSec += (lastWin - t0) / 1000;
      fillMs.push(lastWin - t0);
      rushSec += (t1 - t0) / 1000;
      roundMs.push(t1 - t0);
    }

    // The reference: the same number of clients, two to a slot, nobody refused.
    await reset();
    const p0 = performance.now();
    const results = await Promise.all(
      Array.from({ length: clients }, async (_, i) => {
        const a0 = performance.now();
        const r = await booking.book({ ...newWho(), slotId: spread[Math.floor(i / 2)]!.id });
        if (counted) uncontendedMs.push(performance.now() - a0);
        return r;
      }),
    );
    const p1 = performance.now();
    const refused = results.find((r) => !r.ok);
    if (refused) throw new Error(`uncontended booking refused: ${JSON.stringify(refused)}`);
    await check(
      clients,
      spread.map((s) => s.id),
    );
    if (counted) {
      plainBooked += clients;
      plainSec += (p1 - p0) / 1000;
    }
  }
  await reset();

  const m: Metrics = {
    rush_places_count: places,
    rush_booked_count: booked,
    rush_taken_count: taken,
    rush_already_booked_count: already,
    rush_attempts_count: attempts,
    // Places handed out per second: from the start of a rush to its last successful booking.
    rush_bookings_per_s: booked / fillSec,
    rush_attempts_per_s: attempts / rushSec,
    uncontended_bookings_per_s: plainBooked / plainSec,
  };
  percentiles(m, 'rush_attempt', attemptMs);
  percentiles(m, 'rush_fill', fillMs);
  percentiles(m, 'rush_round', roundMs);
  percentiles(m, 'uncontended_booking', uncontendedMs);
  m.rush_attempts_vs_uncontended_ratio = ratio(
    m.rush_attempts_per_s!,
    m.uncontended_bookings_per_s!,
  );
  return m;
}
