import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startTestApp, type TestApp } from '../../app/test-app';
import type { Principal } from '../../platform/http';
import {
  DEMO_APPLICANTS,
  DEMO_PASSWORD,
  DEMO_STAFF,
  DEMO_TOTP_SECRET,
  totpCode,
} from '../accounts';
import { makeExe, makePdf, makePdfWithJavaScript, makePng, type DocumentsModule } from './index';
import { startFakeClamd } from './test-fixtures';

let app: TestApp;
let documents: DocumentsModule;
type Applicant = Extract<Principal, { kind: 'applicant' }>;
const applicants: Applicant[] = [];

beforeAll(async () => {
  app = await startTestApp();
  documents = app.app.modules.documents;
  for (const a of DEMO_APPLICANTS.slice(0, 2)) {
    const row = await app.app.modules.accounts.repo.findByEmail(a.email);
    applicants.push({
      kind: 'applicant',
      accountId: row!.id,
      email: a.email,
      displayName: a.displayName,
    });
  }
});
afterAll(async () => {
  await app?.close();
});

const owner = { kind: 'application', id: '7d0c3f4e-8f5a-4c55-9d1b-3f1a6c2b9e01' };

async function auditActions(subjectId: string) {
  return (await app.app.modules.audit.entriesFor({ kind: 'document', id: subjectId })).map(
    (e) => e.action,
  );
}

describe('storing, reading and removing', () => {
  it('stores an accepted file encrypted under a generated name, and audits it', async () => {
    const bytes = await makePdf();
    const r = await documents.service.store({
      owner,
      uploadedBy: applicants[0]!,
      documentType: 'passport',
      fileName: 'C:\\Users\\ona\\Pasas Žemaitė.pdf',
      bytes,
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.document).toMatchObject({
      owner,
      documentType: 'passport',
      fileName: 'Pasas Žemaitė.pdf',
      mediaType: 'application/pdf',
      sizeBytes: bytes.length,
      scanner: 'none',
      uploadedBy: { kind: 'account', id: applicants[0]!.accountId },
    });
    // On disk: only the generated name, never the original name or the plain bytes.
    const stored = fs.readdirSync(path.join(app.dataDir, 'files', 'documents'), {
      recursive: true,
    });
    const files = stored
      .map(String)
      .filter((f) => !fs.statSync(path.join(app.dataDir, 'files', 'documents', f)).isDirectory());
    expect(files.some((f) => f.includes('Pasas'))).toBe(false);
    const onDisk = fs.readFileSync(path.join(app.dataDir, 'files', 'documents', files[0]!));
    expect(onDisk.subarray(0, 4).toString()).toBe('VDE1');
    expect(onDisk.includes(Buffer.from('%PDF'))).toBe(false);
    expect(fs.existsSync(path.join(app.dataDir, 'keys', 'document.key'))).toBe(true);
    expect(await auditActions(r.document.id)).toEqual(['documents.stored']);

    const read = await documents.service.read(r.document.id, applicants[0]!, 'own-documents');
    expect(Buffer.from(read.bytes).equals(Buffer.from(bytes))).toBe(true);
    expect(await auditActions(r.document.id)).toEqual(['personal-data.read', 'documents.stored']);
    expect(await documents.service.countFor(owner, 'passport')).toBe(1);
    expect((await documents.service.listFor(owner)).map((d) => d.id)).toEqual([r.document.id]);
  });

  it('refuses bad files with a reason, storing nothing, and audits the refusal', async () => {
    const before = (await documents.service.listFor(owner)).length;
    const store = (bytes: Uint8Array, fileName = 'x.pdf') =>
      documents.service.store({
        owner,
        uploadedBy: applicants[0]!,
        documentType: 'passport',
        fileName,
        bytes,
      });
    expect(await store(makeExe())).toEqual({ ok: false, reason: 'type-not-allowed' });
    expect(await store(await makePdfWithJavaScript())).toEqual({
      ok: false,
      reason: 'pdf-active-content',
    });
    expect(await store(new Uint8Array())).toEqual({ ok: false, reason: 'empty' });
    expect((await documents.service.listFor(owner)).length).toBe(before);
    const entries = await app.app.modules.audit.entriesFor(owner);
    expect(
      entries
        .filter((e) => e.action === 'documents.refused')
        .map((e) => (e.details as { reason: string }).reason),
    ).toEqual(['empty', 'pdf-active-content', 'type-not-allowed']);
  });

  it('with ClamAV and a small limit: refuses infected and oversized files; leaves no file when the insert fails', async () => {
    const clamd = await startFakeClamd((file) =>
      file.includes(Buffer.from('EICAR')) ? 'stream: Eicar-Test-Signature FOUND' : 'stream: OK',
    );
    const other = await startTestApp({
      CLAMAV_URL: clamd.url,
      UPLOAD_MAX_BYTES: '4096',
    });
    try {
      const m = other.app.modules.documents;
      const row = await other.app.modules.accounts.repo.findByEmail(DEMO_APPLICANTS[0]!.email);
      const me: Applicant = { kind: 'applicant', accountId: row!.id, email: 'x', displayName: 'x' };
      const infected = makePng({ extraChunks: [['tEXt', 'Comment\0EICAR test']] });
      const store = (uploadedBy: Applicant, bytes: Uint8Array) =>
        m.service.store({ owner, uploadedBy, documentType: 'photo', fileName: 'a.png', bytes });
      expect(await store(me, infected)).toEqual({ ok: false, reason: 'infected' });
      expect(await store(me, new Uint8Array(5000))).toEqual({
        ok: false,
        reason: 'too-large',
      });
      const ok = await store(me, makePng());
      expect(ok).toMatchObject({ ok: true, document: { scanner: 'clamav' } });
      // An uploader account that does not exist: the insert fails and the written file is removed.
      const ghost: Applicant = {
        kind: 'applicant',
        accountId: '00000000-0000-4000-8000-000000000000',
        email: 'g',
        displayName: 'G',
      };
      await expect(store(ghost, makePng())).rejects.toThrow();
      const dir = path.join(other.dataDir, 'files', 'documents');
      const files = fs
        .readdirSync(dir, { recursive: true })
        .map(String)
        .filter((f) => fs.statSync(path.join(dir, f)).isFile());
      expect(files).toHaveLength(1);
    } finally {
      await other.close();
      await clamd.close();
    }
  });

  it('refuses to store a file without an uploader', async () => {
    const anonymous = { kind: 'anonymous' } as unknown as Applicant;
    await expect(
      documents.service.store({
        owner,
        uploadedBy: anonymous,
        documentType: 'x',
        fileName: 'a.png',
        bytes: makePng(),
      }),
    ).rejects.toMatchObject({ code: 'DOCUMENT_UPLOADER_INVALID' });
  });

  it('lets only the uploader remove a document (soft delete), then it is gone for everyone', async () => {
    const r = await documents.service.store({
      owner,
      uploadedBy: applicants[0]!,
      documentType: 'photo',
      fileName: 'photo.png',
      bytes: makePng(),
    });
    if (!r.ok) throw new Error(r.reason);
    await expect(documents.service.remove(r.document.id, applicants[1]!)).rejects.toMatchObject({
      code: 'DOCUMENT_NOT_FOUND',
    });
    await documents.service.remove(r.document.id, applicants[0]!);
    expect(await documents.service.find(r.document.id)).toBeUndefined();
    await expect(
      documents.service.read(r.document.id, applicants[0]!, 'own-documents'),
    ).rejects.toMatchObject({
      code: 'DOCUMENT_NOT_FOUND',
    });
    await expect(documents.service.remove(r.document.id, applicants[0]!)).rejects.toMatchObject({
      code: 'DOCUMENT_NOT_FOUND',
    });
    expect(await auditActions(r.document.id)).toEqual(['documents.removed', 'documents.stored']);
  });

  it('lets the owner module grant access, and partners read what they uploaded', async () => {
    const partner = { kind: 'partner' as const, id: '5b7e1d2c-1111-4222-8333-944455556666' };
    const r = await documents.service.store({
      owner,
      uploadedBy: partner,
      documentType: 'passport',
      fileName: 'p.pdf',
      bytes: await makePdf(),
    });
    if (!r.ok) throw new Error(r.reason);
    expect(r.document.uploadedBy).toEqual({ kind: 'partner', id: partner.id });
    expect(
      (await documents.service.read(r.document.id, partner, 'partner-filing')).bytes.length,
    ).toBeGreaterThan(0);
    expect(await documents.service.canRead(r.document.id, applicants[1]!)).toBe(false);
    documents.service.allowOwnerAccess(
      'application',
      async (id, actor) =>
        id === owner.id &&
        actor.kind === 'applicant' &&
        actor.accountId === applicants[1]!.accountId,
    );
    expect(await documents.service.canRead(r.document.id, applicants[1]!)).toBe(true);
    expect(await documents.service.canRead(r.document.id, applicants[0]!)).toBe(false);
  });
});

describe('GET /documents/:id', () => {
  let docId = '';
  beforeAll(async () => {
    const r = await documents.service.store({
      owner: { kind: 'application', id: 'download-test' },
      uploadedBy: applicants[0]!,
      documentType: 'passport',
      fileName: 'Mano "pasas"; kopija.pdf',
      bytes: await makePdf(),
    });
    if (!r.ok) throw new Error(r.reason);
    docId = r.document.id;
  });

  async function signIn(email: string) {
    const b = new Browser(app);
    const res = await b.post('/sign-in', { email, password: DEMO_PASSWORD });
    expect(res.statusCode).toBe(302);
    return b;
  }

  it('gives the uploader the file as an attachment, never inline or cached, and audits the read', async () => {
    const b = await signIn(DEMO_APPLICANTS[0]!.email);
    const res = await b.get(`/documents/${docId}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="Mano _pasas__ kopija.pdf"; filename*=UTF-8''Mano%20%22pasas%22%3B%20kopija.pdf`,
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const entries = await app.app.modules.audit.entriesFor({ kind: 'document', id: docId });
    expect(entries[0]).toMatchObject({ action: 'personal-data.read', purpose: 'own-documents' });
  });

  it('shows it in the browser only to examining staff, audited with its own purpose', async () => {
    const view = `/documents/${docId}/view`;
    // Applicants have their own copy: the in-browser view is for examining staff.
    expect((await (await signIn(DEMO_APPLICANTS[0]!.email)).get(view)).statusCode).toBe(403);
    const officer = new Browser(app);
    await officer.post('/sign-in', { email: 'officer@vartai.demo', password: DEMO_PASSWORD });
    await officer.post('/sign-in/mfa', { code: await totpCode(DEMO_TOTP_SECRET, new Date()) });
    const res = await officer.get(view);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(String(res.headers['content-disposition'])).toMatch(/^inline; filename="Mano/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-security-policy']).toBe("default-src 'none'");
    const entries = await app.app.modules.audit.entriesFor({ kind: 'document', id: docId });
    expect(entries.some((e) => e.purpose === 'examination-view')).toBe(true);
    // The call centre examines nothing.
    const agent = new Browser(app);
    await agent.post('/sign-in', { email: 'callcentre@vartai.demo', password: DEMO_PASSWORD });
    await agent.post('/sign-in/mfa', { code: await totpCode(DEMO_TOTP_SECRET, new Date()) });
    expect((await agent.get(view)).statusCode).toBe(404);
  });

  it('answers 404 to another applicant, and to unknown or malformed ids', async () => {
    const b = await signIn(DEMO_APPLICANTS[1]!.email);
    expect((await b.get(`/documents/${docId}`)).statusCode).toBe(404);
    expect((await b.get('/documents/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await b.get('/documents/not-a-uuid')).statusCode).toBe(404);
  });

  it('sends anonymous visitors to sign in', async () => {
    const res = await new Browser(app).get(`/documents/${docId}`);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(`/sign-in?next=${encodeURIComponent(`/documents/${docId}`)}`);
  });

  it('lets an examining officer read it (after MFA), with the purpose recorded', async () => {
    const officer = DEMO_STAFF.find((s) => s.roles.includes('officer'))!;
    const row = await app.app.modules.accounts.repo.findByEmail(officer.email);
    const staff: Principal = {
      kind: 'staff',
      accountId: row!.id,
      email: officer.email,
      displayName: 'Officer',
      roles: ['officer'],
      branchId: null,
      mfaPassed: true,
    };
    const read = await documents.service.read(docId, staff, 'examination');
    expect(read.document.id).toBe(docId);
    expect(await documents.service.canRead(docId, { ...staff, roles: ['call-centre'] })).toBe(
      false,
    );
    expect(await documents.service.canRead(docId, { ...staff, mfaPassed: false })).toBe(false);
  });
});
