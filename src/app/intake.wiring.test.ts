import { describe, expect, it } from 'vitest';
import { createCatalogueModule } from '../modules/catalogue';
import { fixedClock } from '../platform/clock';
import { catalogueForApplications, travelDocumentsFor } from './intake.wiring';

const catalogue = createCatalogueModule();

describe('business time in the applications wiring comes from the injected clock', () => {
  it('counts the applicant’s age for the documents on the clock’s date', () => {
    const clock = fixedClock('2026-05-31T10:00:00Z');
    const port = catalogueForApplications(catalogue, clock);
    const docs = () =>
      port
        .requiredDocuments('identity-documents', 'passport', { 'date-of-birth': '2010-06-01' })
        .map((d) => d.id);
    // Aged 15 the day before the 16th birthday: a representative's proof is asked for.
    expect(docs()).toContain('representation-proof');
    clock.set('2026-06-01T10:00:00Z');
    expect(docs()).not.toContain('representation-proof');
  });

  it('reads the century of a two-digit MRZ birth year on the clock’s date', () => {
    // Born '30 (two digits): in 2026 that is 1930; a clock in 2031 reads 2030.
    const mrz =
      'P<UKRKOVALENKO<<OLEKSANDR<<<<<<<<<<<<<<<<<<<\nFE12345675UKR3003275M3501014<<<<<<<<<<<<<<00';
    const at = (iso: string) => travelDocumentsFor(catalogue, fixedClock(iso)).parse(mrz);
    expect(at('2026-01-10T10:00:00Z').valid).toBe(true);
    expect(at('2026-01-10T10:00:00Z').fields.birthDate).toBe('1930-03-27');
    expect(at('2031-01-10T10:00:00Z').fields.birthDate).toBe('2030-03-27');
  });
});
