import { describe, expect, it } from 'vitest';
import { checkRemainingValidity, compareWithTyped, parseTravelDocumentMrz } from './mrz';

const today = new Date('2026-12-04T12:00:00Z');

/** ICAO 9303 check digit: weights 7, 3, 1; A=10 … Z=35; < = 0. */
function checkDigit(s: string): string {
  const value = (c: string) => (c === '<' ? 0 : /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55);
  return String([...s].reduce((sum, c, i) => sum + value(c) * [7, 3, 1][i % 3]!, 0) % 10);
}

/** A TD3 passport MRZ for a real issuing state, with correct check digits. */
function td3(o: { number: string; birth: string; expiry: string; names: string; state?: string }) {
  const state = o.state ?? 'LTU';
  const line1 = `P<${state}${o.names}`.padEnd(44, '<');
  const num = o.number.padEnd(9, '<');
  const personal = '<'.repeat(14);
  const part =
    num +
    checkDigit(num) +
    state +
    o.birth +
    checkDigit(o.birth) +
    'F' +
    o.expiry +
    checkDigit(o.expiry) +
    personal +
    checkDigit(personal);
  const composite = checkDigit(part.slice(0, 10) + part.slice(13, 20) + part.slice(21, 43));
  return [line1, part + composite];
}

const ICAO_TD3 = [
  'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<',
  'L898902C36UTO7408122F1204159ZE184226B<<<<<10',
];
const ICAO_TD1 = [
  'I<UTOD23145890<1233<<<<<<<<<<<',
  '7408122F1204159UTO<<<<<<<<<<<2',
  'ERIKSSON<<ANNA<MARIA<<<<<<<<<<',
];

describe('parsing the MRZ', () => {
  it('reads the ICAO TD3 specimen: check digits pass, UTO (the specimen state) is no real state', () => {
    const r = parseTravelDocumentMrz(ICAO_TD3.join('\n'), { today });
    expect(r.format).toBe('TD3');
    expect(r.fields).toEqual({
      documentCode: 'P',
      documentNumber: 'L898902C3',
      surname: 'ERIKSSON',
      givenNames: 'ANNA MARIA',
      nationality: 'UTO',
      birthDate: '1974-08-12',
      sex: 'female',
      expiryDate: '2012-04-15',
      issuingState: 'UTO',
    });
    expect(r.problems).toEqual([
      { field: 'issuingState', code: 'unknown-state' },
      { field: 'nationality', code: 'unknown-state' },
    ]);
    expect(r.valid).toBe(false);
  });

  it('reads the ICAO TD1 specimen (identity card, three lines)', () => {
    const r = parseTravelDocumentMrz(ICAO_TD1.join('\n'), { today });
    expect(r.format).toBe('TD1');
    expect(r.fields).toMatchObject({
      documentNumber: 'D23145890123',
      surname: 'ERIKSSON',
      birthDate: '1974-08-12',
    });
    expect(r.problems.filter((p) => p.code === 'check-digit')).toEqual([]);
  });

  it('accepts a valid Lithuanian passport MRZ typed with spaces, in lower case, on one line', () => {
    const [l1, l2] = td3({
      number: 'LT1234567',
      birth: '900215',
      expiry: '310101',
      names: 'ZEMAITE<<ONA<MARIJA',
    });
    const r = parseTravelDocumentMrz(
      `  ${l1!.toLowerCase()}   ${l2!.replace(/(.{11})/g, '$1 ')} `,
      { today },
    );
    expect(r.valid).toBe(true);
    expect(r.problems).toEqual([]);
    expect(r.fields).toMatchObject({
      documentNumber: 'LT1234567',
      surname: 'ZEMAITE',
      givenNames: 'ONA MARIJA',
      birthDate: '1990-02-15',
      expiryDate: '2031-01-01',
      issuingState: 'LTU',
      nationality: 'LTU',
    });
  });

  it('pads a name line typed without its trailing fillers', () => {
    const [l1, l2] = td3({
      number: 'LT1234567',
      birth: '900215',
      expiry: '310101',
      names: 'ZEMAITE<<ONA',
    });
    expect(parseTravelDocumentMrz(`${l1!.replace(/<+$/, '')}\n${l2}`, { today }).valid).toBe(true);
  });

  it('reports a wrong check digit on the field it protects and on the composite', () => {
    const bad = [
      'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<',
      'L898902C37UTO7408122F1204159ZE184226B<<<<<10',
    ];
    const r = parseTravelDocumentMrz(bad.join('\n'), { today });
    expect(r.valid).toBe(false);
    expect(r.problems).toContainEqual({ field: 'documentNumber', code: 'check-digit' });
    expect(r.problems).toContainEqual({ field: 'composite', code: 'check-digit' });
    const [l1, l2] = td3({
      number: 'LT1234567',
      birth: '900215',
      expiry: '310101',
      names: 'ZEMAITE<<ONA',
    });
    const wrongBirth = l2!.slice(0, 19) + ((Number(l2![19]) + 1) % 10) + l2!.slice(20);
    expect(parseTravelDocumentMrz(`${l1}\n${wrongBirth}`, { today }).problems).toContainEqual({
      field: 'birthDate',
      code: 'check-digit',
    });
  });

  it('refuses text that is not an MRZ', () => {
    expect(parseTravelDocumentMrz('hello', { today })).toMatchObject({
      valid: false,
      problems: [{ field: 'mrz', code: 'length' }],
    });
    const garbled = parseTravelDocumentMrz(`${'P<LTU'.padEnd(44, '!')}\n${'1'.repeat(44)}`, {
      today,
    });
    expect(garbled.valid).toBe(false);
    expect(garbled.problems).toContainEqual({ field: 'surname', code: 'format' });
  });
});

describe('comparing with what was typed', () => {
  const [l1, l2] = td3({
    number: 'LT1234567',
    birth: '900215',
    expiry: '310101',
    names: 'ZEMAITE<<ONA<MARIJA',
  });
  const { fields } = parseTravelDocumentMrz(`${l1}\n${l2}`, { today });

  it('agrees whatever the case, diacritics or hyphens', () => {
    expect(
      compareWithTyped(fields, {
        surname: 'Žemaitė',
        givenNames: 'Ona-Marija',
        birthDate: '1990-02-15',
        documentNumber: 'lt 1234567',
        expiryDate: '2031-01-01',
      }),
    ).toEqual([]);
  });

  it('accepts ICAO spellings of umlauts and of Cyrillic names', () => {
    const [a, b] = td3({
      number: 'X1',
      birth: '900215',
      expiry: '310101',
      names: 'MUELLER<<JURGEN',
      state: 'D<<',
    });
    const de = parseTravelDocumentMrz(`${a}\n${b}`, { today }).fields;
    expect(compareWithTyped(de, { surname: 'Müller', givenNames: 'Jürgen' })).toEqual([]);
    const [c, d] = td3({
      number: 'X1',
      birth: '900215',
      expiry: '310101',
      names: 'SHEVCHENKO<<OLENA',
      state: 'UKR',
    });
    const ua = parseTravelDocumentMrz(`${c}\n${d}`, { today }).fields;
    expect(compareWithTyped(ua, { surname: 'ШЕВЧЕНКО', givenNames: 'Олена' })).toEqual([]);
  });

  it('lists each mismatch with both values', () => {
    expect(
      compareWithTyped(fields, {
        surname: 'Zemaityte',
        birthDate: '1990-02-16',
        documentNumber: 'LT7654321',
      }),
    ).toEqual([
      { field: 'surname', mrz: 'ZEMAITE', typed: 'Zemaityte' },
      { field: 'documentNumber', mrz: 'LT1234567', typed: 'LT7654321' },
      { field: 'birthDate', mrz: '1990-02-15', typed: '1990-02-16' },
    ]);
  });
});

describe('remaining validity', () => {
  it('flags a document expiring before the date the rule asks for, naming the rule', () => {
    const rule = 'travel-document-valid-3-months-beyond-permit';
    expect(
      checkRemainingValidity('2031-01-01', { mustBeValidUntil: new Date('2030-06-01'), rule }),
    ).toEqual({ ok: true });
    expect(
      checkRemainingValidity('2030-06-01', {
        mustBeValidUntil: new Date('2030-06-01T10:00:00Z'),
        rule,
      }),
    ).toEqual({ ok: true });
    expect(
      checkRemainingValidity('2027-01-01', { mustBeValidUntil: new Date('2030-06-01'), rule }),
    ).toEqual({
      ok: false,
      tooEarly: true,
      rule,
      expiryDate: '2027-01-01',
      mustBeValidUntil: '2030-06-01',
    });
  });
});
