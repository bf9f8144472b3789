import { describe, expect, it } from 'vitest';
import type { VerificationResult } from './permits.model';
import { formatDay, pictureSrc, resultView, type ResultContext } from './verifier.view';

const ISSUER = 'https://vartai.test';
const ctx: ResultContext = {
  t: (key, values) => (values ? `${key} ${JSON.stringify(values)}` : key),
  lang: 'en',
  issuer: ISSUER,
  typeName: (type, lang) => `${type}@${lang}`,
  groundName: (type, ground, lang) => `${ground} of ${type ?? 'any'}@${lang}`,
};

const valid: VerificationResult = {
  valid: true,
  status: 'valid',
  claims: {
    given_name: 'OLENA',
    family_name: 'KOVALENKO',
    picture: `${ISSUER}/credentials/photos/abc-123`,
    right_to_work: true,
    valid_until: '2028-03-31',
  },
  issuer: ISSUER,
  credentialType: 'temporary-residence-permit',
  issuedAt: '2026-03-31T09:12:00.000Z',
  expiresAt: '2028-03-31T21:00:00.000Z',
};

const keys = (rows: { key: { text: string } }[]) => rows.map((r) => r.key.text);

describe('the verifier result', () => {
  it('lists exactly the disclosed claims, in the order of the model', () => {
    const view = resultView(valid, ctx);
    expect(view.status).toBe('valid');
    expect(view.statusText).toBe('verifier.status.valid');
    expect(view.reasonText).toBeUndefined();
    expect(keys(view.facts)).toEqual([
      'verifier.claim.given_name',
      'verifier.claim.family_name',
      'verifier.claim.picture',
      'verifier.claim.right_to_work',
      'verifier.claim.valid_until',
    ]);
    expect(view.facts[3]!.value).toEqual({ text: 'verifier.yes' });
    expect(view.facts[4]!.value).toEqual({ text: 'March 31, 2028' });
    expect(view.noFacts).toBeUndefined();
    expect(keys(view.about)).toEqual([
      'verifier.about.issuer',
      'verifier.about.type',
      'verifier.about.issuedAt',
      'verifier.about.expiresAt',
    ]);
  });

  it('shows the photo from the issuer as a same-site image, escaped', () => {
    const view = resultView(valid, ctx);
    const photo = view.facts[2]!.value as { html: string };
    expect(photo.html).toBe(
      '<img class="vartai-verdict__photo" src="/credentials/photos/abc-123" alt="verifier.photo.alt">',
    );
    expect(pictureSrc(`${ISSUER}/credentials/photos/x"onerror=1`, ISSUER)).toBeUndefined();
    expect(pictureSrc('https://elsewhere.test/credentials/photos/abc', ISSUER)).toBeUndefined();
    const foreign = resultView(
      { ...valid, claims: { picture: 'https://elsewhere.test/p.png' } },
      ctx,
    );
    expect(foreign.facts[0]!.value).toEqual({ text: 'https://elsewhere.test/p.png' });
  });

  it('says why a credential is revoked or expired, still with its disclosed facts', () => {
    const revoked = resultView(
      { ...valid, valid: false, status: 'revoked', reason: 'revoked' },
      ctx,
    );
    expect(revoked.statusText).toBe('verifier.status.revoked');
    expect(revoked.reasonText).toBe('verifier.reason.revoked');
    expect(revoked.facts).toHaveLength(5);
    const expired = resultView(
      { ...valid, valid: false, status: 'expired', reason: 'expired', claims: {} },
      ctx,
    );
    expect(expired.facts).toEqual([]);
    expect(expired.noFacts).toBe('verifier.facts.none');
  });

  it('trusts nothing in an invalid credential: no facts, no issuer details', () => {
    const view = resultView(
      {
        valid: false,
        status: 'invalid',
        reason: 'signature',
        claims: { given_name: 'MALLORY' },
        issuer: ISSUER,
      },
      ctx,
    );
    expect(view.reasonText).toBe('verifier.reason.signature');
    expect(view.facts).toEqual([]);
    expect(view.about).toEqual([]);
    expect(view.noFacts).toBe('verifier.facts.notTrusted');
  });

  it('formats the other claim kinds for reading', () => {
    const view = resultView(
      {
        ...valid,
        claims: {
          birthdate: '1988-04-12',
          permit_type: 'temporary-protection',
          permit_ground: null,
          right_to_work: false,
          document_number: 'LT1234567',
        },
      },
      ctx,
    );
    expect(view.facts.map((r) => r.value)).toEqual([
      { text: 'April 12, 1988' },
      { text: 'temporary-protection@en' },
      { text: 'verifier.groundNone' },
      { text: 'verifier.no' },
      { text: 'LT1234567' },
    ]);
    expect(formatDay('2026-01-02', 'lt')).toBe('2026 m. sausio 2 d.');
    expect(formatDay('not a day', 'en')).toBe('not a day');
  });

  it("names a ground in the reader's language, among the disclosed type's services", () => {
    const rows = (claims: VerificationResult['claims'], credentialType = valid.credentialType) =>
      resultView(
        { ...valid, claims, ...(credentialType ? { credentialType } : {}) },
        ctx,
      ).facts.map((r) => r.value);
    expect(rows({ permit_ground: 'work' })).toEqual([
      { text: `work of ${valid.credentialType}@en` },
    ]);
  });
});
