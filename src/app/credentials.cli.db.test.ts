import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PERMIT_HOLDER } from '../modules/permits';
import type { WithApp } from './cli.args';
import { credentialsCommands } from './credentials.cli';
import { startTestApp, type TestApp } from './test-app';

let app: TestApp;
const printed: string[] = [];
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

const withApp: WithApp = (fn) => fn(app.ctx, app.app);
const run = (name: string, ...args: string[]) => {
  printed.length = 0;
  return credentialsCommands(withApp)[name]!.run(args, (line) => printed.push(line));
};

describe('credentials:demo', () => {
  it('prints a fresh credential of the demo holder, valid for the verifier', async () => {
    expect(await run('credentials:demo')).toBe(0);
    const credential = printed.join('\n').trim();
    expect(await run('credentials:demo')).toBe(0);
    // Freshly signed each time: new salts, the same permit and status entry.
    const second = printed.join('\n').trim();
    expect(second).not.toBe(credential);
    const verdict = await app.app.modules.permits.service.verify(credential, { channel: 'cli' });
    expect(verdict).toMatchObject({ valid: true, status: 'valid' });
    expect(verdict.claims.family_name).toBe(DEMO_PERMIT_HOLDER.familyName);
    expect(await run('credentials:demo', '--nonsense')).toBe(2);
  });
});

describe('credentials:keygen', () => {
  it('writes a private key only to its file, readable by the owner, never over another', async () => {
    const file = path.join(app.dataDir, 'issuer-2027.json');
    expect(await run('credentials:keygen', '--kid', '2027-1', '--out', file)).toBe(0);
    expect(printed.join('\n')).not.toContain('"d"');
    const jwk = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
    expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256', kid: '2027-1', alg: 'ES256' });
    expect(jwk.d).toBeTruthy();
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(await run('credentials:keygen', '--kid', '2027-2', '--out', file)).toBe(2);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).kid).toBe('2027-1');
    expect(await run('credentials:keygen', '--kid', 'bad kid!', '--out', `${file}.x`)).toBe(2);
    expect(await run('credentials:keygen', '--kid', 'ok')).toBe(2);
  });
});
