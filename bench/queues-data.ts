import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../src/platform/db';
import { progress } from './bench';

/**
 * Synthetic cases for the `queues` benchmark, written with set-based SQL (generate_series), one
 * chunk at a time so that progress shows. Every value is a hash of the row number, so two runs
 * of the same size hold the same data. Ids are md5 hashes read as uuids: the bench finds a case,
 * its officer and its branch again without reading them back.
 */
export const BRANCHES = 10;
export const OFFICERS_PER_BRANCH = 20;
const CHUNK = 100_000;

/** The uuid `md5(text)::uuid` gives in SQL, so the bench names rows without reading them back. */
export function md5Uuid(text: string): string {
  const h = createHash('md5').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

// Weighted by how often each service is asked for (temporary residence permits dominate).
const SERVICES = [
  ...Array<string>(6).fill('temporary-residence-permit'),
  ...Array<string>(3).fill('national-visa'),
  ...Array<string>(2).fill('temporary-residence-permit-new-card'),
  ...Array<string>(2).fill('change-of-employer'),
  'permanent-residence-permit',
  'eu-temporary-residence-certificate',
  'eu-family-member-card',
  'eu-permanent-residence-certificate',
  'temporary-protection',
  'residence-declaration',
  'citizenship',
];
const SURNAMES = `KOVALENKO SHEVCHENKO BONDARENKO TKACHENKO KRAVCHENKO OLIYNYK MELNYK IVANOV PETROV
  SMIRNOV KUZNETSOV POPOV SOKOLOV NOVIKOV MOROZOV VOLKOV LEBEDEV KOZLOV HRYSHCHENKO SAVCHENKO
  RUDENKO MARCHENKO LYSENKO PAVLENKO KHARCHENKO NOVAK KOWALSKI WISNIEWSKI SINGH KUMAR SHARMA
  PATEL KHAN ALIYEV MAMMADOV HASANOV NAZAROV RAKHIMOV KARIMOV YUSUPOV TURSUNOV ABDULLAEV
  GARCIA RODRIGUEZ NGUYEN TRAN WANG ZHANG LIU CHEN OKAFOR ADEYEMI MENSAH SAHIN YILMAZ DEMIR
  KAYA CELIK BEKOV ORLOV`.split(/\s+/);
const GIVEN =
  `OLEKSANDR ANDRIY SERHIY DMYTRO MYKOLA IRYNA OLENA NATALIIA TETIANA YULIIA IVAN ALEKSEI
  MAKSIM ANNA MARIA EKATERINA RAHUL PRIYA AMIT ANJALI ALI FARID LEYLA AYSEL RUSTAM DILNOZA
  BEKZOD JOSE LUCIA MINH LAN WEI FANG CHIDI NGOZI KWAME AYSE MEHMET EMRE PIOTR`.split(/\s+/);

const textArray = (xs: readonly string[]) => sql.raw(`(array['${xs.join("','")}'])`);

/** r(i, k, m): a deterministic pseudo-random integer in [0, m) for row i and stream k. */
const FUNCTION = sql`create function bench_r(i bigint, k int, m int) returns int
  language sql immutable as $$ select ((hashint8(i * 64 + k)::bigint + 2147483648) % m)::int $$`;

/** One chunk of cases [from, to] with their submitted applications. */
function chunkSql(from: number, to: number) {
  return sql`
    with g as (
      select i,
        bench_r(i, 1, 1826) as age_days,
        ${textArray(SERVICES)}[1 + bench_r(i, 3, ${SERVICES.length})] as service_id,
        case when bench_r(i, 4, 100) < 85 then 'general' when bench_r(i, 4, 100) < 95 then 'urgent'
          when bench_r(i, 4, 100) < 99 then 'next-day' else 'same-day' end as urgency,
        case when bench_r(i, 5, 100) < 8 then null else bench_r(i, 6, ${BRANCHES}) end as branch,
        bench_r(i, 7, 1000) as p
      from generate_series(${from}::int, ${to}::int) as i
    ), t as (
      select g.*,
        (current_date - age_days)::date as opened_on,
        case urgency when 'general' then (array[30, 60, 90, 120, 180])[1 + length(service_id) % 5]
          when 'urgent' then 30 when 'next-day' then 1 else 0 end as term_days
      from g
    ), s as (
      select t.*,
        case
          -- Still within its term: mostly open, at a stage that follows its age.
          when age_days <= term_days and p < 880 then case
            when age_days * 10 < term_days and p < 300 then 'submitted'
            when age_days * 10 < term_days then 'awaiting-visit'
            when age_days * 4 < term_days then 'accepted'
            when p < 120 then 'information-requested'
            when age_days * 5 < term_days * 4 then 'in-examination'
            when p < 600 then 'decision-proposed'
            else 'document-ordered' end
          when age_days <= term_days then case when p < 940 then 'withdrawn' else 'refused' end
          -- Past its term: nearly all closed; a few stragglers are overdue or await collection.
          when p < 6 then 'in-examination'
          when p < 9 then 'information-requested'
          when p < 12 then 'ready-for-collection'
          when p < 880 then 'issued'
          when p < 940 then 'refused'
          when p < 970 then 'withdrawn'
          when p < 990 then 'terminated'
          else 'revoked' end as status
      from t
    ), c as (
      select s.*,
        status in ('submitted', 'awaiting-visit') as no_term,
        status <> 'submitted' and (status not in ('awaiting-visit', 'accepted') or p % 10 < 7) as assigned,
        opened_on + bench_r(i, 9, 4) as starts_on
      from s
    ), a as (
      insert into applications (id, reference, service_id, urgent, urgency, state, owner_account_id,
        filed_by_kind, answers, declaration_at, fee_receipt, created_at, updated_at, submitted_at)
      select md5('application' || i)::uuid, 'BENCH-' || lpad(i::text, 8, '0'), service_id,
        urgency <> 'general', urgency, case when status = 'withdrawn' then 'withdrawn' else 'submitted' end,
        md5('owner' || i)::uuid, 'self',
        jsonb_build_object(
          'surname', ${textArray(SURNAMES)}[1 + bench_r(i, 10, ${SURNAMES.length})],
          'given-names', ${textArray(GIVEN)}[1 + bench_r(i, 11, ${GIVEN.length})],
          'date-of-birth', to_char(date '1950-01-01' + bench_r(i, 12, 20800), 'YYYY-MM-DD'),
          'nationality', (array['UKR', 'BLR', 'RUS', 'IND', 'UZB', 'KAZ', 'TUR', 'CHN'])[1 + bench_r(i, 13, 8)],
          'document-number', 'FP' || lpad(i::text, 7, '0'),
          'email', 'person' || i || '@example.org'),
        opened_on, 'BENCH', opened_on - 2, opened_on, opened_on + time '09:00' + bench_r(i, 2, 32400) * interval '1 second'
      from c
    )
    insert into cases (id, application_id, service_id, urgency, branch_id, assigned_to, assigned_at,
      status, term_starts_on, deadline_on, opened_at)
    select md5('case' || i)::uuid, md5('application' || i)::uuid, service_id, urgency,
      case when branch is null then null else md5('branch' || branch)::uuid end,
      case when assigned then md5('officer' || coalesce(branch, 0) * ${OFFICERS_PER_BRANCH} + bench_r(i, 8, ${OFFICERS_PER_BRANCH}))::uuid end,
      case when assigned then opened_on + 1 + time '10:00' end,
      status,
      case when no_term then null else starts_on end,
      -- As the app keeps it: no deadline before the term starts, nor once decided or withdrawn.
      case when no_term or status in ('document-ordered', 'ready-for-collection', 'issued', 'refused',
          'withdrawn', 'terminated', 'revoked') then null
        else starts_on + term_days + case when status = 'information-requested' then 14 else 0 end end,
      opened_on + time '09:00' + bench_r(i, 2, 32400) * interval '1 second'
    from c`;
}

/**
 * The contact centre's search keys (migration 0018) as `searchKeysFor` writes them when a case is
 * opened. The generated names are plain upper-case ASCII words, so lower() is their normalised
 * form; the bench checks one case's keys against `searchKeysFor` before it measures.
 */
function searchKeysSql(from: number, to: number) {
  return sql`insert into application_search_keys (case_id, kind, key)
    select c.id, k.kind, k.key
    from cases c join applications a on a.id = c.application_id,
      lateral (values
        ('reference', upper(a.reference)),
        ('name', (a.answers->>'date-of-birth') || '|' || lower(a.answers->>'surname')),
        ('name', (a.answers->>'date-of-birth') || '|' || lower(a.answers->>'given-names') || ' ' || lower(a.answers->>'surname')),
        ('name', (a.answers->>'date-of-birth') || '|' || lower(a.answers->>'surname') || ' ' || lower(a.answers->>'given-names')),
        ('document', a.answers->>'document-number')) as k (kind, key)
    where c.id in (select md5('case' || i)::uuid from generate_series(${from}::int, ${to}::int) as i)`;
}

/** Branches, then `n` cases with their applications, then ANALYZE. */
export async function generateCases(db: Db, n: number): Promise<void> {
  await FUNCTION.execute(db);
  const found = await sql<{
    t: string | null;
  }>`select to_regclass('application_search_keys')::text as t`.execute(db);
  const withSearchKeys = found.rows[0]?.t != null;
  await sql`insert into branches (id, code, names, city, address, created_at)
    select md5('branch' || b)::uuid, 'BENCH-' || b, jsonb_build_object('lt', 'Skyrius ' || b),
      'Vilnius', 'Bench g. ' || b, now()
    from generate_series(0, ${BRANCHES - 1}::int) as b`.execute(db);
  for (let from = 1; from <= n; from += CHUNK) {
    const to = Math.min(n, from + CHUNK - 1);
    // The pool's statement timeout guards requests; a chunk of bulk insert may take longer.
    await db.transaction().execute(async (trx) => {
      await sql`set local statement_timeout = 0`.execute(trx);
      await chunkSql(from, to).execute(trx);
      if (withSearchKeys) await searchKeysSql(from, to).execute(trx);
    });
    progress(`generated ${to} of ${n} cases`);
  }
  await db.transaction().execute(async (trx) => {
    await sql`set local statement_timeout = 0`.execute(trx);
    await sql`analyze applications`.execute(trx);
    await sql`analyze cases`.execute(trx);
    if (withSearchKeys) await sql`analyze application_search_keys`.execute(trx);
  });
}
