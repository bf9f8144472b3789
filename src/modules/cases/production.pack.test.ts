import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProductionPack } from './production.pack';

const pack = loadProductionPack();

describe('production pack', () => {
  it('maps services and grounds to the documents they produce', () => {
    expect(pack.find('temporary-residence-permit', 'work')?.kind).toBe('residence-permit');
    expect(pack.find('identity-documents', 'passport')?.kind).toBe('passport');
    expect(pack.find('identity-documents', 'id-card')?.kind).toBe('identity-card');
    expect(pack.find('identity-documents', 'personal-code')).toBeUndefined();
    expect(pack.find('citizenship', null)).toBeUndefined();
  });

  it('computes expiry by the holder age on the day of issue', () => {
    const id = pack.find('identity-documents', 'id-card')!;
    expect(pack.expiresOn(id, '2027-05-04', '1990-02-14')).toBe('2037-05-03');
    expect(pack.expiresOn(id, '2027-05-04', '2023-05-05')).toBe('2029-05-03');
    expect(pack.expiresOn(id, '2027-05-04', '2011-05-05')).toBe('2032-05-03');
    expect(pack.expiresOn(id, '2027-05-04', '2011-05-04')).toBe('2037-05-03');
    expect(pack.expiresOn(id, '2027-05-04', '1950-01-01')).toBe('2057-05-03');
    const prp = pack.find('permanent-residence-permit', 'five-years')!;
    expect(pack.expiresOn(prp, '2028-02-29', '1980-01-01')).toBe('2033-02-28');
  });

  it('refuses a file whose uncertain fact has no note, naming the field', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pack-')), 'documents.yaml');
    fs.writeFileSync(
      file,
      `sources: [{ id: s, url: 'https://example.com', date: n.d. }]
documents: [{ service: x, kind: passport, validity: [{ years: 1 }], source: s, uncertain: true }]`,
    );
    expect(() => loadProductionPack(file)).toThrow(/documents\.0: an uncertain fact needs a note/);
  });
});
