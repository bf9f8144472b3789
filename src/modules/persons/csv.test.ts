import { PassThrough, Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../platform/errors';
import { CSV_INVALID, readIdentityRecords, writeIdentityRecords, writePersonLinks } from './csv';

const HEADER =
  'record_id,given_names,surname,date_of_birth,sex,nationality,document_number,place_of_birth,source';

/** The text in small chunks, so rows and quoted fields cross chunk boundaries as in a real file. */
const stream = (text: string) => {
  const bytes = Buffer.from(text, 'utf8');
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += 7) chunks.push(bytes.subarray(i, i + 7));
  return Readable.from(chunks);
};

async function failure(text: string) {
  try {
    await readIdentityRecords(() => stream(text));
  } catch (e) {
    if (!isAppError(e)) throw e;
    return { code: e.code, message: e.message, line: e.details?.line };
  }
  throw new Error('the file was accepted');
}

describe('readIdentityRecords', () => {
  it('reads RFC 4180 fields: commas, newlines and quotes inside quotes, Cyrillic, empty fields', async () => {
    const text = [
      HEADER,
      'r1,"Олександр Петрович",Коваленко,1990-04-12,M,ukr,FE123456,"Київ, Україна",border-guard',
      'r2,"Anna ""Ania""","Kowalska-\nNowak",,,,,,',
      'r3,Aleksandras,Kovalenka,1990,x,UKR,,,population-register',
    ].join('\r\n');
    const records = await readIdentityRecords(() => stream(text));
    expect(records).toEqual([
      {
        recordId: 'r1',
        givenNames: 'Олександр Петрович',
        surname: 'Коваленко',
        dateOfBirth: '1990-04-12',
        sex: 'M',
        nationality: 'UKR',
        documentNumber: 'FE123456',
        placeOfBirth: 'Київ, Україна',
        source: 'border-guard',
      },
      {
        recordId: 'r2',
        givenNames: 'Anna "Ania"',
        surname: 'Kowalska-\nNowak',
        dateOfBirth: null,
        sex: null,
        nationality: null,
        documentNumber: null,
        placeOfBirth: null,
        source: null,
      },
      expect.objectContaining({ recordId: 'r3', dateOfBirth: '1990', sex: null }),
    ]);
  });

  it('finds columns by header name in any order, ignores others, tolerates a byte-order mark', async () => {
    const text =
      '\ufeffsource,note,surname,given_names,record_id,sex,date_of_birth,nationality,document_number,place_of_birth\n' +
      'sodra,anything,Ivanova,Olga,a-1,F,1985-01-31,RUS,,Moskva\n';
    const [r] = await readIdentityRecords(() => stream(text));
    expect(r).toMatchObject({
      recordId: 'a-1',
      givenNames: 'Olga',
      surname: 'Ivanova',
      source: 'sodra',
    });
  });

  it('says which columns are missing', async () => {
    const f = await failure('record_id,given_names,surname\nr1,A,B\n');
    expect(f).toMatchObject({ code: CSV_INVALID, line: 1 });
    expect(f.message).toMatch(/missing columns date_of_birth, sex, nationality/);
  });

  it('names the line of a duplicate record id, a bad date and a bad sex', async () => {
    const dup = await failure(`${HEADER}\nr1,A,B,,,,,,\n\nr2,A,B,,,,,,\nr1,C,D,,,,,,\n`);
    expect(dup).toMatchObject({ code: CSV_INVALID, line: 5 });
    expect(dup.message).toMatch(/duplicate record_id "r1"/);
    // The bad row starts on line 3, after a row with a quoted line break.
    const date = await failure(`${HEADER}\nr1,"A\nB",C,,,,,,\nr2,A,B,1990-02-30,,,,,\n`);
    expect(date).toMatchObject({ line: 4 });
    expect(date.message).toMatch(/date_of_birth "1990-02-30" is not a date/);
    const sex = await failure(`${HEADER}\nr1,A,B,1990-02-28,male,,,,\n`);
    expect(sex).toMatchObject({ line: 2 });
    expect(sex.message).toMatch(/sex "male"/);
  });

  it('refuses a row with the wrong number of fields and an empty file', async () => {
    const ragged = await failure(`${HEADER}\nr1,A,B\n`);
    expect(ragged).toMatchObject({ code: CSV_INVALID, line: 2 });
    expect((await failure('')).message).toMatch(/empty/);
  });
});

describe('writePersonLinks', () => {
  it('writes a header and one quoted-as-needed row per record', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await writePersonLinks(
      out,
      ['r1', 'r,2', 'r"3'],
      ['person-000001', 'person-000002', 'person-000001'],
    );
    const text = Buffer.concat(chunks).toString('utf8');
    expect(text.split('\n')[0]).toBe('record_id,person_id');
    expect(parse(text, { columns: true })).toEqual([
      { record_id: 'r1', person_id: 'person-000001' },
      { record_id: 'r,2', person_id: 'person-000002' },
      { record_id: 'r"3', person_id: 'person-000001' },
    ]);
  });
});

describe('writeIdentityRecords', () => {
  it('writes records that read back the same', async () => {
    const records = [
      {
        recordId: 'r1',
        givenNames: 'Олександр "Саша", Петрович',
        surname: 'Коваленко\nКовальчук',
        dateOfBirth: '1990',
        sex: null,
        nationality: 'UKR',
        documentNumber: null,
        placeOfBirth: 'Київ',
        source: null,
      },
    ];
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await writeIdentityRecords(out, records);
    expect(await readIdentityRecords(() => stream(Buffer.concat(chunks).toString('utf8')))).toEqual(
      records,
    );
  });
});
