import { describe, expect, it } from 'vitest';
import type { CourierRule, ExemptionOption, RemoteOrderRule } from './applications.ports';
import {
  ageOn,
  applicableExemptions,
  courierRefusal,
  feeDue,
  orderingMissing,
  visitNeeded,
  type IdentityOnRecord,
} from './ordering';

const minor: ExemptionOption = { id: 'minor', name: { lt: 'N' }, payPercent: 50, maxAge: 17 };
const pensioner: ExemptionOption = { id: 'pensioner', name: { lt: 'P' }, payPercent: 20 };
const grown: ExemptionOption = { id: 'grown', name: { lt: 'G' }, payPercent: 0, minAge: 65 };

const courier: CourierRule = {
  feeCents: 379,
  levels: ['general'],
  notFirstDocument: true,
  requiresValidIdentityDocument: true,
  source: 'https://example.lt',
};
const holder: IdentityOnRecord = {
  photoTakenOn: new Date('2026-03-01T00:00:00Z'),
  signatureTakenOn: new Date('2026-03-01T00:00:00Z'),
  hasValidIdentityDocument: true,
  holdsAnyIdentityDocument: true,
};
const remote: RemoteOrderRule = {
  recordMaxAgeMonths: 12,
  requiresValidIdentityDocument: true,
  source: 'https://example.lt',
  uncertain: true,
};
const on = new Date('2026-12-04T10:00:00Z');

describe('fee exemptions', () => {
  it('applies an exemption by age only when the age fits, and says why not otherwise', () => {
    expect(applicableExemptions([minor, pensioner], ['minor'], 12).applicable).toEqual([minor]);
    expect(applicableExemptions([minor], ['minor'], 17).refused).toEqual([]);
    expect(applicableExemptions([minor], ['minor'], 18).refused).toEqual([
      { id: 'minor', reason: 'too-old' },
    ]);
    expect(applicableExemptions([grown], ['grown'], 64).refused).toEqual([
      { id: 'grown', reason: 'too-young' },
    ]);
    expect(applicableExemptions([minor], ['minor'], undefined).refused).toEqual([
      { id: 'minor', reason: 'age-unknown' },
    ]);
    expect(applicableExemptions([minor], ['made-up'], 5).refused).toEqual([
      { id: 'made-up', reason: 'not-offered' },
    ]);
  });

  it('leaves an exemption without an age to the officers, whatever the age', () => {
    expect(applicableExemptions([pensioner], ['pensioner'], undefined).applicable).toEqual([
      pensioner,
    ]);
  });

  it('counts age in whole years from the date of birth', () => {
    expect(ageOn('2008-12-05', on)).toBe(17);
    expect(ageOn('2008-12-04', on)).toBe(18);
    expect(ageOn('not a date', on)).toBeUndefined();
  });
});

describe('courier delivery', () => {
  it('is for the general procedure, a replacement, and a holder of a valid document', () => {
    expect(courierRefusal(courier, 'general', holder)).toBeNull();
    expect(courierRefusal(courier, 'urgent', holder)).toBe('not-general');
    expect(courierRefusal(courier, 'general', { ...holder, holdsAnyIdentityDocument: false })).toBe(
      'first-document',
    );
    expect(courierRefusal(courier, 'general', { ...holder, hasValidIdentityDocument: false })).toBe(
      'no-valid-document',
    );
  });

  it('is refused when the service has none, or the register cannot be asked', () => {
    expect(courierRefusal(undefined, 'general', holder)).toBe('not-offered');
    expect(courierRefusal(courier, 'general', undefined)).toBe('record-unavailable');
    const anyone = { ...courier, notFirstDocument: false, requiresValidIdentityDocument: false };
    expect(courierRefusal(anyone, 'general', undefined)).toBeNull();
  });
});

describe('ordering without a visit', () => {
  it('needs no visit when the photo and signature are recent enough and a document is valid', () => {
    expect(visitNeeded(remote, holder, on)).toEqual({
      needed: false,
      uncertain: true,
      recordMaxAgeMonths: 12,
    });
    // Exactly twelve months back, by calendar day, still counts; a day earlier does not.
    const edge = { ...holder, photoTakenOn: new Date('2025-12-04T00:00:00Z') };
    expect(visitNeeded(remote, edge, on).needed).toBe(false);
    const older = { ...holder, photoTakenOn: new Date('2025-12-03T00:00:00Z') };
    expect(visitNeeded(remote, older, on)).toEqual({ needed: true, reasons: ['photo-too-old'] });
  });

  it('gives every reason a visit is needed', () => {
    expect(
      visitNeeded(
        remote,
        {
          photoTakenOn: null,
          signatureTakenOn: new Date('2020-01-01T00:00:00Z'),
          hasValidIdentityDocument: false,
          holdsAnyIdentityDocument: true,
        },
        on,
      ),
    ).toEqual({
      needed: true,
      reasons: ['no-photo', 'signature-too-old', 'no-valid-document'],
    });
    expect(visitNeeded(remote, { ...holder, signatureTakenOn: null }, on)).toEqual({
      needed: true,
      reasons: ['no-signature'],
    });
  });

  it('needs a visit without a rule in the pack or without the register', () => {
    expect(visitNeeded(undefined, holder, on)).toEqual({ needed: true, reasons: ['no-rule'] });
    expect(visitNeeded(remote, undefined, on)).toEqual({
      needed: true,
      reasons: ['record-unavailable'],
    });
  });
});

describe('the fee due', () => {
  it('adds the courier to the fee, and leaves an unknown fee to the branch', () => {
    expect(feeDue({ cents: 1000, exemption: 'pensioner' }, 379)).toEqual({
      feeCents: 1000,
      exemption: 'pensioner',
      courierCents: 379,
      onlineCents: 1379,
      settledAtBranch: false,
    });
    expect(feeDue({ cents: null, exemption: null }, 0)).toMatchObject({
      onlineCents: 0,
      settledAtBranch: true,
    });
  });
});

describe('what the ordering choices still miss', () => {
  const base = {
    byPartner: false,
    exemptionsOffered: true,
    claimed: null,
    deliveryAsked: true,
    method: null,
    branch: null,
    courierRefusal: null,
  };
  it('asks the exemption and the delivery until they are answered', () => {
    expect(orderingMissing(base)).toEqual([{ kind: 'exemption' }, { kind: 'delivery' }]);
    expect(orderingMissing({ ...base, claimed: [], method: 'branch', branch: 'VLN' })).toEqual([]);
    expect(orderingMissing({ ...base, claimed: [], method: 'branch', branch: null })).toEqual([
      { kind: 'delivery' },
    ]);
  });

  it('asks the delivery again when a courier is no longer possible (e.g. urgency changed)', () => {
    expect(
      orderingMissing({ ...base, claimed: [], method: 'courier', courierRefusal: 'not-general' }),
    ).toEqual([{ kind: 'delivery' }]);
  });

  it('asks neither of a partner abroad, which collects the fee and hands the document over', () => {
    expect(orderingMissing({ ...base, byPartner: true })).toEqual([]);
  });
});
