import type { Clock, Ids } from '../../platform/clock';
import type { AuditModule } from '../audit';
import { addDays, vilniusDate, type HeldKind } from './holdings.core';
import type { HoldingsRepository } from './holdings.repository';

/**
 * Demo holdings for `npm start` (never loaded in production by default). Dates are relative to
 * the first start, so the reminders show: a foreigner's temporary residence permit that expires
 * in about 100 days (the 120-day reminder; Aliaksandr Ivanou, to whom no other test waits for
 * mail) and a citizen's passport that expires in about 50 (the 60-day reminder). Document numbers
 * are made up; the real formats are not in the sources.
 */
export const DEMO_HOLDINGS: {
  email: string;
  kind: HeldKind;
  number: string;
  givenNames: string;
  surname: string;
  dateOfBirth: string;
  nationality: string;
  personalCode?: string;
  issuedDaysAgo: number;
  expiresInDays: number;
  renewal: { service: string; ground: string };
  photoDaysAgo?: number;
}[] = [
  {
    email: 'aliaksandr.ivanou@vartai.demo',
    kind: 'residence-permit',
    number: 'LLG0004217',
    givenNames: 'ALIAKSANDR',
    surname: 'IVANOU',
    dateOfBirth: '1987-09-14',
    nationality: 'BLR',
    issuedDaysAgo: 2 * 365 - 100,
    expiresInDays: 100,
    renewal: { service: 'temporary-residence-permit', ground: 'work' },
  },
  {
    email: 'gintare.jonaityte@vartai.demo',
    kind: 'passport',
    number: '23456781',
    givenNames: 'GINTARĖ',
    surname: 'JONAITYTĖ',
    dateOfBirth: '1989-05-12',
    nationality: 'LTU',
    personalCode: '48905120124',
    issuedDaysAgo: 10 * 365 - 50,
    expiresInDays: 50,
    renewal: { service: 'identity-documents', ground: 'passport' },
    photoDaysAgo: 10 * 365 - 50,
  },
  {
    email: 'gintare.jonaityte@vartai.demo',
    kind: 'identity-card',
    number: '34567812',
    givenNames: 'GINTARĖ',
    surname: 'JONAITYTĖ',
    dateOfBirth: '1989-05-12',
    nationality: 'LTU',
    personalCode: '48905120124',
    issuedDaysAgo: 365,
    expiresInDays: 9 * 365,
    renewal: { service: 'identity-documents', ground: 'id-card' },
    photoDaysAgo: 365,
  },
];

/** Loads the demo holdings once: a document already on record (by kind and number) is skipped. */
export async function seedDemoHoldings(deps: {
  repo: HoldingsRepository;
  clock: Clock;
  ids: Ids;
  audit: AuditModule;
  accountIdOf: (email: string) => Promise<string | undefined>;
}): Promise<{ created: number }> {
  const now = deps.clock.now();
  const today = vilniusDate(now);
  let created = 0;
  for (const h of DEMO_HOLDINGS) {
    const holder = await deps.accountIdOf(h.email);
    if (!holder || (await deps.repo.findByNumber(h.kind, h.number))) continue;
    const id = deps.ids.uuid();
    const captured = h.photoDaysAgo === undefined ? null : addDays(today, -h.photoDaysAgo);
    await deps.repo.insert({
      id,
      holder_account_id: holder,
      kind: h.kind,
      document_number: h.number,
      holder_given_names: h.givenNames,
      holder_surname: h.surname,
      holder_date_of_birth: h.dateOfBirth,
      holder_nationality: h.nationality,
      personal_code: h.personalCode ?? null,
      issued_on: addDays(today, -h.issuedDaysAgo),
      expires_on: addDays(today, h.expiresInDays),
      status: 'valid',
      invalidated_at: null,
      renewal_service_id: h.renewal.service,
      renewal_ground_id: h.renewal.ground,
      issued_on_application_id: null,
      renewal_application_id: null,
      photo_taken_on: captured,
      signature_taken_on: captured,
      created_at: now,
    });
    await deps.audit.record({
      actor: { kind: 'system' },
      action: 'holdings.demo-document-created',
      subject: { kind: 'held-document', id },
    });
    created += 1;
  }
  return { created };
}
