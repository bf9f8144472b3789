import type { FastifyReply } from 'fastify';
import { describe, expect, it } from 'vitest';
import { csvReply, safeFilename, toCsv } from './csv';

const BOM = '\uFEFF';

describe('toCsv', () => {
  it('writes a BOM, a header row and CRLF line ends', () => {
    expect(
      toCsv(
        ['month', 'applications'],
        [
          ['2027-01', 120],
          ['2027-02', 180],
        ],
      ),
    ).toBe(`${BOM}month,applications\r\n2027-01,120\r\n2027-02,180\r\n`);
    expect(toCsv(['a'], [], { bom: false })).toBe('a\r\n');
  });

  it('quotes fields with quotes, commas and line breaks, doubling the quotes (RFC 4180)', () => {
    const csv = toCsv(
      ['name'],
      [['Vilnius, Lukiškių g.'], ['"Migris"'], ['two\nlines'], ['cr\rhere'], ['plain']],
      {
        bom: false,
      },
    );
    expect(csv.split('\r\n')).toEqual([
      'name',
      '"Vilnius, Lukiškių g."',
      '"""Migris"""',
      '"two\nlines"',
      '"cr\rhere"',
      'plain',
      '',
    ]);
  });

  it('keeps Lithuanian and Cyrillic text as UTF-8', () => {
    const csv = toCsv(['šalis'], [['Україна'], ['Беларусь']]);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv).toContain('Україна');
  });

  it('defuses text a spreadsheet would run as a formula; numbers stay numbers', () => {
    const row = [
      '=HYPERLINK("http://x","y")',
      '+1',
      '-2',
      '@SUM(A1)',
      '\tcmd',
      '\rcmd',
      -12.5,
      0,
      'a=b',
    ];
    const [, line] = toCsv(['x'], [row], { bom: false }).split('\r\n');
    expect(line).toBe(
      `"'=HYPERLINK(""http://x"",""y"")",'+1,'-2,'@SUM(A1),'\tcmd,"'\rcmd",-12.5,0,a=b`,
    );
  });

  it('writes null, undefined and non-finite numbers as empty fields', () => {
    expect(
      toCsv(['a', 'b', 'c', 'd'], [[null, undefined, Number.NaN, Infinity]], { bom: false }),
    ).toBe('a,b,c,d\r\n,,,\r\n');
  });

  it('can use ; where Excel expects it, quoting fields that contain it', () => {
    expect(toCsv(['a', 'b'], [['1;2', 'x,y']], { delimiter: ';', bom: false })).toBe(
      'a;b\r\n"1;2";x,y\r\n',
    );
  });
});

describe('downloads', () => {
  it.each([
    ['intake-2027.csv', 'intake-2027.csv'],
    ['Vilniaus skyrius – prašymai', 'Vilniaus_skyrius_prasymai.csv'],
    ['../../etc/passwd', 'etc_passwd.csv'],
    ['a"; filename="evil.exe', 'a_filename_evil.exe.csv'],
    ['Київ\r\nSet-Cookie: x=1', 'Set-Cookie_x_1.csv'],
    ['', 'export.csv'],
    ['...', 'export.csv'],
  ])('makes %j a safe file name', (name, safe) => {
    expect(safeFilename(name)).toBe(safe);
  });

  it('sends CSV as a UTF-8 attachment', () => {
    const headers: Record<string, string> = {};
    let sent: unknown;
    const reply = {
      header(name: string, value: string) {
        headers[name] = value;
        return this;
      },
      send(body: unknown) {
        sent = body;
        return this;
      },
    } as unknown as FastifyReply;
    expect(csvReply(reply, 'Intake by branch', 'a\r\n')).toBe(reply);
    expect(headers).toEqual({
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="Intake_by_branch.csv"',
    });
    expect(sent).toBe('a\r\n');
  });
});
