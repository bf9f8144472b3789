import { describe, expect, it } from 'vitest';
import { checkSignature, signatureHeader } from './signature';

const SECRET = 'a-test-secret-of-enough-length-0123456789';
const body = Buffer.from('{"eventId":"evt_1"}');
const now = new Date('2026-12-04T12:00:00Z');

describe('notification signatures', () => {
  it('accepts its own signature', () => {
    expect(checkSignature(SECRET, signatureHeader(SECRET, body, now), body, now)).toBe('ok');
  });

  it('refuses a missing, malformed, wrong-secret or tampered signature', () => {
    expect(checkSignature(SECRET, undefined, body, now)).toBe('signature-missing');
    expect(checkSignature(SECRET, 'garbage', body, now)).toBe('signature-invalid');
    expect(checkSignature(SECRET, signatureHeader('other-secret', body, now), body, now)).toBe(
      'signature-invalid',
    );
    const tampered = Buffer.from('{"eventId":"evt_2"}');
    expect(checkSignature(SECRET, signatureHeader(SECRET, body, now), tampered, now)).toBe(
      'signature-invalid',
    );
  });

  it('refuses a timestamp more than five minutes old or ahead', () => {
    const old = new Date(now.getTime() - 301_000);
    expect(checkSignature(SECRET, signatureHeader(SECRET, body, old), body, now)).toBe(
      'timestamp-expired',
    );
    const ahead = new Date(now.getTime() + 301_000);
    expect(checkSignature(SECRET, signatureHeader(SECRET, body, ahead), body, now)).toBe(
      'timestamp-expired',
    );
    const recent = new Date(now.getTime() - 299_000);
    expect(checkSignature(SECRET, signatureHeader(SECRET, body, recent), body, now)).toBe('ok');
  });
});
