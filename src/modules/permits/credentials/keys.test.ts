import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../platform/config';
import { checkSdJwt, issueSdJwt } from './sd-jwt';
import { generateIssuerJwk, keysetFrom, loadKeyset } from './keys';

const envelope = {
  iss: 'https://vartai.test',
  vct: 'https://vartai.test/credentials/types/e-resident',
  iat: 1_800_000_000,
  nbf: 1_800_000_000,
  exp: 1_900_000_000,
  status: { status_list: { idx: 1, uri: 'https://vartai.test/credentials/status/1' } },
};
const quiet = { warn: () => undefined };

describe('issuer keys', () => {
  it('publishes only public parts, with kid, alg and use', async () => {
    const keys = await keysetFrom([await generateIssuerJwk('k-1')]);
    const [jwk] = keys.jwks().keys;
    expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256', kid: 'k-1', alg: 'ES256', use: 'sig' });
    expect(jwk).not.toHaveProperty('d');
  });

  it('rotation: a retired key kept as public only still verifies what it signed', async () => {
    const old = await generateIssuerJwk('2026-1');
    const before = await keysetFrom([old]);
    const credential = await issueSdJwt(before, envelope, { given_name: 'A' });
    const next = await generateIssuerJwk('2027-1');
    const { d: _secret, ...retired } = old;
    const after = await keysetFrom([retired, next], '2027-1');
    expect(after.active.kid).toBe('2027-1');
    expect(after.jwks().keys.map((k) => k.kid)).toEqual(['2026-1', '2027-1']);
    expect((await checkSdJwt(credential, after)).ok).toBe(true);
    const fresh = await issueSdJwt(after, envelope, { given_name: 'B' });
    expect((await checkSdJwt(fresh, before)).ok).toBe(false);
  });

  it('refuses unusable configurations, naming the problem', async () => {
    const a = await generateIssuerJwk('a');
    const b = await generateIssuerJwk('b');
    await expect(keysetFrom([a, b])).rejects.toThrow(/CREDENTIAL_ACTIVE_KID/);
    await expect(keysetFrom([a, { ...b, kid: 'a' }], 'a')).rejects.toThrow(/used twice/);
    await expect(keysetFrom([{ ...a, crv: 'P-384' }])).rejects.toThrow(/key 1/);
    const { d: _d, ...publicOnly } = a;
    await expect(keysetFrom([publicOnly])).rejects.toThrow(/no private key/);
    await expect(keysetFrom([a], 'zzz')).rejects.toThrow(/zzz/);
  });

  it('development: generates one key into DATA_DIR and reuses it; production requires keys', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vartai-keys-'));
    try {
      const config = loadConfig({ DATA_DIR: dir });
      const first = await loadKeyset(config, quiet);
      const second = await loadKeyset(config, quiet);
      expect(second.active.publicJwk).toEqual(first.active.publicJwk);
      const file = path.join(dir, 'keys', 'credentials', 'development-1.json');
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      await expect(
        loadKeyset(loadConfig({ DATA_DIR: dir, NODE_ENV: 'production' }), quiet),
      ).rejects.toThrow(/CREDENTIAL_KEYS/);
      const fromEnv = await loadKeyset(
        loadConfig({
          DATA_DIR: dir,
          CREDENTIAL_KEYS: JSON.stringify([await generateIssuerJwk('env-1')]),
        }),
        quiet,
      );
      expect(fromEnv.active.kid).toBe('env-1');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
