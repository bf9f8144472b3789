import { sql } from 'kysely';
import { vilniusInstant, type AppointmentsModule } from '../src/modules/appointments';
import { addCalendarDays } from '../src/modules/catalogue';
import type { Db } from '../src/platform/db';

/**
 * Branch calendars for the `booking` benchmark. The full run makes its year of slots with the
 * module's own `booking.materialise`; `--quick` cannot (computing a year of `slotsOn` takes
 * about 18 s on the bench machine), so it writes the same slots with one set-based statement and
 * checks sample days against `slotsOn`. The full run checks the statement against what
 * `materialise` made, slot for slot, so the quick data are known to be the module's.
 */

/** A branch × service the pack gives capacity for, as `makeSlots` walks them. */
export interface Offered {
  branch: string;
  serviceId: string;
  desks: number;
  minutes: number;
}

export function offeredServices(appointments: AppointmentsModule): Offered[] {
  const { pack } = appointments;
  return pack.branches.flatMap((b) =>
    [...new Set([...Object.keys(pack.capacity.services), ...Object.keys(b.capacity ?? {})])].map(
      (serviceId) => {
        const cap = appointments.capacityOf(b.code, serviceId)!;
        return { branch: b.code, serviceId, desks: cap.desks, minutes: cap.slotMinutes };
      },
    ),
  );
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * The slots `materialise` would make for `days` days from `fromDay`, written by one statement:
 * opening hours per branch and day come from the module (`openingOn`: weekends, the catalogue's
 * holidays, closures), whole visits between opening and closing as `slotsOn` makes them, Vilnius
 * wall times turned into instants by the database. Existing slots are kept, as in `materialise`.
 */
export async function insertCalendars(
  db: Db,
  appointments: AppointmentsModule,
  fromDay: string,
  days: number,
  table = 'appointment_slots',
): Promise<number> {
  const open: { branch: string; day: string; open: number; close: number }[] = [];
  for (const b of appointments.branches())
    for (let i = 0; i < days; i++) {
      const day = addCalendarDays(fromDay, i);
      const hours = appointments.openingOn(b.code, day);
      if (hours)
        open.push({
          branch: b.code,
          day,
          open: minutesOf(hours.open),
          close: minutesOf(hours.close),
        });
    }
  const offered = offeredServices(appointments).map((o) => ({
    branch: o.branch,
    service_id: o.serviceId,
    desks: o.desks,
    minutes: o.minutes,
  }));
  const r = await sql`
    insert into ${sql.table(table)} (id, branch_code, service_id, starts_at, minutes, capacity, booked)
    select gen_random_uuid(), o.branch, o.service_id,
      (d.day::date + make_interval(mins => m)) at time zone 'Europe/Vilnius', o.minutes, o.desks, 0
    from json_to_recordset(${JSON.stringify(open)}::json)
        as d(branch text, day text, open int, close int)
      join json_to_recordset(${JSON.stringify(offered)}::json)
        as o(branch text, service_id text, desks int, minutes int) on o.branch = d.branch
      cross join lateral generate_series(d.open, d.close - o.minutes, o.minutes) as m
    on conflict (branch_code, service_id, starts_at) do nothing`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

/**
 * Days worth checking: every `every`th, and the days after each change of the Vilnius clock
 * (the offset from UTC differs either side; the first working day after is among them).
 */
export function sampleDays(fromDay: string, days: number, every: number) {
  const picked = new Set<string>();
  const offset = (day: string) =>
    Date.parse(`${day}T12:00:00Z`) - vilniusInstant(day, '12:00').getTime();
  let last: number | undefined;
  for (let i = 0; i < days; i++) {
    const day = addCalendarDays(fromDay, i);
    const o = offset(day);
    if (i % every === 0) picked.add(day);
    if (last !== undefined && o !== last)
      for (let k = 0; k < 4 && i + k < days; k++) picked.add(addCalendarDays(day, k));
    last = o;
  }
  return [...picked];
}

/**
 * Compares the stored slots of `days` with `slotsOn` for every branch × service: the same
 * starts, desks and visit length. Throws on the first difference; returns the slots compared.
 */
export async function checkDays(db: Db, appointments: AppointmentsModule, days: string[]) {
  let compared = 0;
  for (const o of offeredServices(appointments))
    for (const day of days) {
      const want = appointments.slotsOn(o.branch, o.serviceId, day);
      const got = await sql<{ starts_at: Date; capacity: number; minutes: number }>`
        select starts_at, capacity, minutes from appointment_slots
        where branch_code = ${o.branch} and service_id = ${o.serviceId}
          and (starts_at at time zone 'Europe/Vilnius')::date = ${day}::date
        order by starts_at`.execute(db);
      const a = want.map((s) => `${s.startsAt.toISOString()}/${s.desks}/${s.minutes}`);
      const b = got.rows.map(
        (s) => `${new Date(s.starts_at).toISOString()}/${s.capacity}/${s.minutes}`,
      );
      if (a.join() !== b.join())
        throw new Error(
          `slots of ${o.branch} ${o.serviceId} on ${day} differ from slotsOn: ${b.length} stored, ${a.length} expected (${b[0]} vs ${a[0]})`,
        );
      compared += a.length;
    }
  return compared;
}

/**
 * The set-based statement against what `materialise` made for the same days: written into a
 * scratch table, then compared both ways. Throws if one has a slot the other lacks.
 */
export async function checkAgainstMaterialise(
  db: Db,
  appointments: AppointmentsModule,
  fromDay: string,
  days: number,
) {
  await sql`create table bench_expected_slots (like appointment_slots including all)`.execute(db);
  try {
    await insertCalendars(db, appointments, fromDay, days, 'bench_expected_slots');
    const diff = await sql<{ missing: number; extra: number }>`
      with made as (select branch_code, service_id, starts_at, minutes, capacity
          from appointment_slots),
        generated as (select branch_code, service_id, starts_at, minutes, capacity
          from bench_expected_slots)
      select (select count(*) from (select * from generated except select * from made) x)::int
          as missing,
        (select count(*) from (select * from made except select * from generated) x)::int as extra`.execute(
      db,
    );
    const { missing, extra } = diff.rows[0]!;
    if (missing !== 0 || extra !== 0)
      throw new Error(
        `the set-based calendars differ from materialise: ${missing} slots not made by materialise, ${extra} not generated`,
      );
  } finally {
    await sql`drop table bench_expected_slots`.execute(db);
  }
}
