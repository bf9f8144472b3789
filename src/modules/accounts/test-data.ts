import type { Clock, Ids } from '../../platform/clock';
import type { Language } from '../../platform/i18n';
import type { AuditModule } from '../audit';
import { newAccountRow, type AccountsRepository } from './accounts.repository';
import type { AccountsService } from './accounts.service';
import type { StaffRole } from './accounts.schemas';
import type { OrganisationsService } from './organisations.service';
import { hash as argonHash } from '@node-rs/argon2';

/**
 * Demo data for `npm start` and `seed --demo`: never loaded in production by default.
 * Branch addresses from ../shared/domain/domain-catalogue.md §branches
 * (src: https://www.migracija.lt/-/migration-services-in-vilnius-to-be-provided-on-new-premises-1, 2020;
 * the Kaunas address is marked UNCERTAIN there, because a new unit opened in 2024).
 */
export const DEMO_BRANCHES: {
  code: string;
  city: string;
  address: string;
  names: Record<Language, string>;
  uncertain?: boolean;
}[] = [
  {
    code: 'VLN',
    city: 'Vilnius',
    address: 'Vytenio g. 18, Vilnius',
    names: {
      lt: 'Vilniaus klientų aptarnavimo skyrius',
      en: 'Vilnius client service unit',
      ru: 'Вильнюсский отдел обслуживания клиентов',
      uk: 'Вільнюський відділ обслуговування клієнтів',
    },
  },
  {
    code: 'KNS',
    city: 'Kaunas',
    address: 'A. Juozapavičiaus pr. 57, Kaunas',
    uncertain: true,
    names: {
      lt: 'Kauno klientų aptarnavimo skyrius',
      en: 'Kaunas client service unit',
      ru: 'Каунасский отдел обслуживания клиентов',
      uk: 'Каунаський відділ обслуговування клієнтів',
    },
  },
  {
    code: 'KLP',
    city: 'Klaipėda',
    address: 'Kauno g. 6, Klaipėda',
    names: {
      lt: 'Klaipėdos klientų aptarnavimo skyrius',
      en: 'Klaipėda client service unit',
      ru: 'Клайпедский отдел обслуживания клиентов',
      uk: 'Клайпедський відділ обслуговування клієнтів',
    },
  },
  {
    code: 'SIA',
    city: 'Šiauliai',
    address: 'Aušros al. 19, Šiauliai',
    names: {
      lt: 'Šiaulių klientų aptarnavimo skyrius',
      en: 'Šiauliai client service unit',
      ru: 'Шяуляйский отдел обслуживания клиентов',
      uk: 'Шяуляйський відділ обслуговування клієнтів',
    },
  },
  {
    code: 'PNV',
    city: 'Panevėžys',
    address: 'Beržų g. 46, Panevėžys',
    names: {
      lt: 'Panevėžio klientų aptarnavimo skyrius',
      en: 'Panevėžys client service unit',
      ru: 'Паневежский отдел обслуживания клиентов',
      uk: 'Паневежиський відділ обслуговування клієнтів',
    },
  },
];

/** Demo sign-in secrets, printed on the console at start-up. Demo only: never in production. */
export const DEMO_PASSWORD = 'Vartai-demo-2026!';
export const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

export const DEMO_STAFF: {
  email: string;
  displayName: string;
  roles: StaffRole[];
  branchCode?: string;
}[] = [
  {
    email: 'officer@vartai.demo',
    displayName: 'Rūta Petrauskienė',
    roles: ['officer'],
    branchCode: 'VLN',
  },
  {
    email: 'lead@vartai.demo',
    displayName: 'Tomas Kazlauskas',
    roles: ['team-lead', 'officer'],
    branchCode: 'VLN',
  },
  { email: 'callcentre@vartai.demo', displayName: 'Ieva Jankauskaitė', roles: ['call-centre'] },
  { email: 'admin@vartai.demo', displayName: 'Mindaugas Stankevičius', roles: ['administrator'] },
  {
    email: 'officer.kaunas@vartai.demo',
    displayName: 'Asta Vaitkienė',
    roles: ['officer'],
    branchCode: 'KNS',
  },
  // Writes and schedules rule set versions (issue 6); head office, no branch.
  { email: 'rules@vartai.demo', displayName: 'Jurgita Paulauskienė', roles: ['rules'] },
  // Reads the management dashboards, forecasts and plans (issue 11); head office, so no branch:
  // the figures are aggregates of every branch. Kept last: tests address staff by index.
  { email: 'manager@vartai.demo', displayName: 'Dalia Grigonienė', roles: ['manager'] },
];

export const DEMO_APPLICANTS: { email: string; displayName: string; lang: Language }[] = [
  { email: 'oleksandr.kovalenko@vartai.demo', displayName: 'Oleksandr Kovalenko', lang: 'uk' },
  { email: 'priya.sharma@vartai.demo', displayName: 'Priya Sharma', lang: 'en' },
  { email: 'aliaksandr.ivanou@vartai.demo', displayName: 'Aliaksandr Ivanou', lang: 'ru' },
  // The HR officer of the demo employer (DEMO_ORGANISATION), who files for invited foreigners.
  { email: 'personalas@vartai.demo', displayName: 'Laura Žukauskienė', lang: 'lt' },
  // A citizen holding a passport and an identity card (demo holdings, module holdings).
  { email: 'gintare.jonaityte@vartai.demo', displayName: 'Gintarė Jonaitytė', lang: 'lt' },
];

/** The demo employer (a code the Register of Legal Entities simulator knows) and its admin. */
export const DEMO_ORGANISATION = {
  code: '305123456',
  kind: 'employer' as const,
  adminEmail: 'personalas@vartai.demo',
};

/**
 * Loads the demo branches and accounts once: a second run changes nothing. Staff get the demo
 * TOTP secret already enrolled, so a demo officer can sign in with any authenticator app.
 */
export async function seedDemo(deps: {
  repo: AccountsRepository;
  service: AccountsService;
  organisations: OrganisationsService;
  clock: Clock;
  ids: Ids;
  audit: AuditModule;
}): Promise<{ created: number }> {
  const { repo, clock, ids } = deps;
  let created = 0;
  const now = clock.now();
  for (const b of DEMO_BRANCHES) {
    await repo.insertBranch({
      id: ids.uuid(),
      code: b.code,
      city: b.city,
      address: b.address,
      names: b.names,
      created_at: now,
    });
  }
  for (const s of DEMO_STAFF) {
    if (await repo.findByEmail(s.email)) continue;
    const row = await deps.service.createStaff({ ...s, password: DEMO_PASSWORD, lang: 'lt' });
    await repo.update(row.id, { totp_secret: DEMO_TOTP_SECRET, totp_confirmed_at: now });
    created += 1;
  }
  const passwordHash = await argonHash(DEMO_PASSWORD);
  for (const a of DEMO_APPLICANTS) {
    if (await repo.findByEmail(a.email)) continue;
    const id = ids.uuid();
    await repo.insert(
      newAccountRow(
        {
          id,
          kind: 'applicant',
          email: a.email,
          display_name: a.displayName,
          password_hash: passwordHash,
          preferred_lang: a.lang,
          email_verified_at: now,
        },
        now,
      ),
    );
    await deps.audit.record({
      actor: { kind: 'system' },
      action: 'accounts.demo-applicant-created',
      subject: { kind: 'account', id },
    });
    created += 1;
  }
  const hr = await repo.findByEmail(DEMO_ORGANISATION.adminEmail);
  if (hr) {
    await deps.organisations.register(
      { code: DEMO_ORGANISATION.code, kind: DEMO_ORGANISATION.kind },
      { kind: 'applicant', accountId: hr.id, email: hr.email, displayName: hr.display_name },
    );
  }
  return { created };
}
