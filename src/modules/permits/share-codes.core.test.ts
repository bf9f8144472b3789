import { describe, expect, it } from 'vitest';
import type { PermitView } from './permits.model';
import {
  CODE_ALPHABET,
  codeDigest,
  codeHint,
  expiryOf,
  factsFor,
  formatCode,
  generateCode,
  isoDay,
  isShareCodeDays,
  normaliseCode,
  purposeOfCode,
  sameDay,
  shareCodeState,
} from './share-codes.core';
import { SAMPLE_PERMIT_VIEW } from './test-support';

const view: PermitView = { ...SAMPLE_PERMIT_VIEW, documentNumber: 'LT1234567' };

describe('share codes', () => {
  it('are 9 characters of the alphabet, the first naming the purpose', () => {
    for (const [purpose, letter] of [
      ['work', 'W'],
      ['renting', 'R'],
      ['other', 'S'],
    ] as const) {
      const code = generateCode(purpose);
      expect(code).toHaveLength(9);
      expect(code[0]).toBe(letter);
      expect([...code].every((c) => CODE_ALPHABET.includes(c))).toBe(true);
      expect(purposeOfCode(code)).toBe(purpose);
    }
  });

  it('are not repeated (random)', () => {
    const codes = new Set(Array.from({ length: 500 }, () => generateCode('work')));
    expect(codes.size).toBe(500);
  });

  it('are shown in groups of three and read back however they are typed', () => {
    expect(formatCode('W7K4QX92M')).toBe('W7K 4QX 92M');
    expect(normaliseCode('w7k 4qx 92m')).toBe('W7K4QX92M');
    expect(normaliseCode(' W7K-4QX-92M ')).toBe('W7K4QX92M');
    expect(normaliseCode('W7K–4QX–92M')).toBe('W7K4QX92M');
  });

  it('refuse what cannot be a code', () => {
    expect(normaliseCode('W7K4QX92')).toBeUndefined();
    expect(normaliseCode('W7K4QX92MM')).toBeUndefined();
    expect(normaliseCode('W0K4QX92M')).toBeUndefined(); // 0 is not in the alphabet
    expect(normaliseCode('WIK4QX92M')).toBeUndefined(); // nor I
    expect(normaliseCode('A7K4QX92M')).toBeUndefined(); // A names no purpose
    expect(normaliseCode('')).toBeUndefined();
  });

  it('keep a SHA-256 digest and a 3-character hint', () => {
    expect(codeDigest('W7K4QX92M')).toMatch(/^[0-9a-f]{64}$/);
    expect(codeDigest('W7K4QX92M')).toBe(codeDigest(normaliseCode('w7k 4qx 92m')!));
    expect(codeDigest('W7K4QX92M')).not.toBe(codeDigest('W7K4QX92N'));
    expect(codeHint('W7K4QX92M')).toBe('92M');
  });

  it('work 7, 30, 60 or 90 days', () => {
    expect([7, 30, 60, 90].every(isShareCodeDays)).toBe(true);
    expect(isShareCodeDays(91)).toBe(false);
    expect(isShareCodeDays(0)).toBe(false);
    const start = new Date('2027-01-01T10:00:00Z');
    expect(expiryOf(start, 90).toISOString()).toBe('2027-04-01T10:00:00.000Z');
  });

  it('are active, expired or revoked', () => {
    const now = new Date('2027-01-10T00:00:00Z');
    const expires_at = new Date('2027-01-11T00:00:00Z');
    expect(shareCodeState({ expires_at, revoked_at: null }, now)).toBe('active');
    expect(shareCodeState({ expires_at, revoked_at: null }, expires_at)).toBe('expired');
    expect(shareCodeState({ expires_at, revoked_at: now }, now)).toBe('revoked');
  });
});

describe('what a purpose shows', () => {
  it('work: name, photo, right to work and its end, nothing else', () => {
    expect(factsFor(view, 'work')).toEqual({
      given_name: 'OLENA',
      family_name: 'KOVALENKO',
      picture: view.pictureUrl,
      right_to_work: true,
      valid_until: '2027-03-04',
    });
  });

  it('never the date of birth nor the permit number', () => {
    for (const purpose of ['work', 'renting', 'other'] as const) {
      const facts = factsFor(view, purpose) as Record<string, unknown>;
      expect(facts).not.toHaveProperty('birthdate');
      expect(facts).not.toHaveProperty('document_number');
    }
    expect(Object.keys(factsFor(view, 'renting')).sort()).toEqual(
      ['family_name', 'given_name', 'permit_type', 'picture', 'valid_until'].sort(),
    );
  });

  it('compares dates of birth exactly', () => {
    expect(sameDay('1990-05-17', '1990-05-17')).toBe(true);
    expect(sameDay('1990-05-17', '1990-05-18')).toBe(false);
    expect(sameDay('0000-00-00', '1990-05-17')).toBe(false);
    expect(sameDay('1990-05-17', '1990-05-17x')).toBe(false);
  });

  it('reads calendar days strictly', () => {
    expect(isoDay('1990-05-17')).toBe('1990-05-17');
    expect(isoDay('1990-02-30')).toBeUndefined();
    expect(isoDay('17/05/1990')).toBeUndefined();
  });
});
