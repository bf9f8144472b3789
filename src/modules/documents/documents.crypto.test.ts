import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../platform/config';
import { createKeyring, decryptFile, encryptFile, keyIdOf, loadKeyring } from './documents.crypto';

const plain = new TextEncoder().encode('%PDF-1.7 pretend this is a passport scan');
const silent = { warn: () => {} };

describe('envelope encryption', () => {
  const keyring = createKeyring(randomBytes(32));

  it('round-trips, with a fresh data key and IV each time', () => {
    const a = encryptFile(plain, keyring, 'documents/x');
    const b = encryptFile(plain, keyring, 'documents/x');
    expect(a.keyId).toBe(keyring.current.id);
    expect(Buffer.from(a.blob).equals(Buffer.from(b.blob))).toBe(false);
    expect(Buffer.from(a.blob).includes(Buffer.from('passport'))).toBe(false);
    expect(decryptFile(a.blob, keyring, 'documents/x')).toEqual(plain);
  });

  it('detects tampering anywhere in the blob (GCM authentication)', () => {
    const { blob } = encryptFile(plain, keyring, 'documents/x');
    for (const at of [30, 60, blob.length - 1]) {
      const t = new Uint8Array(blob);
      t[at] = t[at]! ^ 1;
      expect(() => decryptFile(t, keyring, 'documents/x')).toThrow(
        expect.objectContaining({ code: 'DOCUMENT_INTEGRITY_FAILED' }),
      );
    }
    expect(() => decryptFile(blob.subarray(0, 40), keyring, 'documents/x')).toThrow(
      expect.objectContaining({ code: 'DOCUMENT_INTEGRITY_FAILED' }),
    );
  });

  it('refuses a blob moved to another document name', () => {
    const { blob } = encryptFile(plain, keyring, 'documents/x');
    expect(() => decryptFile(blob, keyring, 'documents/y')).toThrow(
      expect.objectContaining({ code: 'DOCUMENT_INTEGRITY_FAILED' }),
    );
  });

  it('reads files under an old key after rotation, and names a missing key', () => {
    const oldKey = randomBytes(32);
    const { blob } = encryptFile(plain, createKeyring(oldKey), 'k');
    const rotated = createKeyring(randomBytes(32), [oldKey]);
    expect(decryptFile(blob, rotated, 'k')).toEqual(plain);
    expect(encryptFile(plain, rotated, 'k').keyId).toBe(rotated.current.id);
    expect(() => decryptFile(blob, createKeyring(randomBytes(32)), 'k')).toThrow(
      expect.objectContaining({ code: 'DOCUMENT_KEY_UNKNOWN' }),
    );
  });
});

describe('master key from the configuration', () => {
  it('uses DOCUMENT_KEY and DOCUMENT_KEYS_OLD', () => {
    const current = randomBytes(32);
    const old = randomBytes(32);
    const k = loadKeyring(
      loadConfig({
        DOCUMENT_KEY: current.toString('base64'),
        DOCUMENT_KEYS_OLD: old.toString('base64'),
      }),
      silent,
    );
    expect(k.current.id).toBe(keyIdOf(current));
    expect(k.byId.has(keyIdOf(old))).toBe(true);
  });

  it('refuses a key of the wrong length in the schema', () => {
    expect(() => loadConfig({ DOCUMENT_KEY: randomBytes(16).toString('base64') })).toThrow(
      /DOCUMENT_KEY/,
    );
  });

  it('stops start-up in production without a key', () => {
    expect(() => loadKeyring(loadConfig({ NODE_ENV: 'production' }), silent)).toThrow(
      /DOCUMENT_KEY/,
    );
  });

  it('generates a development key once, mode 0600, with a warning', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vartai-key-'));
    try {
      const warnings: unknown[] = [];
      const config = loadConfig({ DATA_DIR: dir });
      const first = loadKeyring(config, { warn: (...a: unknown[]) => warnings.push(a) });
      const second = loadKeyring(config, { warn: (...a: unknown[]) => warnings.push(a) });
      expect(second.current.id).toBe(first.current.id);
      expect(warnings).toHaveLength(1);
      const stat = fs.statSync(path.join(dir, 'keys', 'document.key'));
      expect(stat.mode & 0o777).toBe(0o600);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
