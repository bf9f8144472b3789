import { describe, expect, it } from 'vitest';
import { isAllowed, type Principal } from '../../platform/http';
import {
  apiKeyFrom,
  canonicalJson,
  IDEMPOTENCY_KEY,
  newApiKey,
  parseApiKey,
  requestHash,
  sameDigest,
  signWebhook,
  verifyWebhookSignature,
} from './partners.keys';
import { backoffMs } from './jobs/webhook.job';
import { isRefusedAddress, webhookUrlProblem } from './webhook-address';

describe('API keys', () => {
  it('are vrt_ + base64url of 32 bytes, found by an 8-character prefix and stored as SHA-256', () => {
    const k = newApiKey();
    expect(k.key).toMatch(/^vrt_[A-Za-z0-9_-]{43}$/);
    expect(k.prefix).toBe(k.key.slice(4, 12));
    expect(k.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(parseApiKey(k.key)).toEqual({ prefix: k.prefix, hash: k.hash });
    expect(newApiKey().key).not.toBe(k.key);
  });

  it('refuses anything that is not a well-formed key before any lookup', () => {
    for (const bad of ['', 'vrt_', 'vrt_abc', `xyz_${'a'.repeat(43)}`, `vrt_${'a'.repeat(42)}!`])
      expect(parseApiKey(bad), bad).toBeNull();
  });

  it('compares digests in constant time and only equal lengths', () => {
    const h = newApiKey().hash;
    expect(sameDigest(h, h)).toBe(true);
    expect(sameDigest(h, `${h.slice(0, 63)}0`)).toBe(h.endsWith('0'));
    expect(sameDigest(h, h.slice(0, 62))).toBe(false);
    expect(sameDigest('', '')).toBe(false);
  });

  it('reads Authorization: Bearer, then X-Api-Key', () => {
    expect(apiKeyFrom({ authorization: 'Bearer vrt_x' })).toBe('vrt_x');
    expect(apiKeyFrom({ authorization: 'bearer  vrt_x ' })).toBe('vrt_x');
    expect(apiKeyFrom({ 'x-api-key': 'vrt_y' })).toBe('vrt_y');
    expect(apiKeyFrom({ authorization: 'Basic abc' })).toBeUndefined();
    expect(apiKeyFrom({ authorization: 'Basic abc', 'x-api-key': 'vrt_z' })).toBe('vrt_z');
    expect(apiKeyFrom({ authorization: 'Bearer' })).toBe('');
    expect(apiKeyFrom({})).toBeUndefined();
  });
});

describe('partner access', () => {
  const partner: Principal = {
    kind: 'partner',
    partnerId: 'p',
    name: 'P',
    services: [],
    countries: [],
  };
  const applicant: Principal = { kind: 'applicant', accountId: 'a', email: 'a', displayName: 'a' };
  it('admits partners only to partner and public routes', () => {
    expect(isAllowed(partner, { who: 'partner' })).toBe(true);
    expect(isAllowed(partner, { who: 'public' })).toBe(true);
    expect(isAllowed(partner, { who: 'signed-in' })).toBe(false);
    expect(isAllowed(partner, { who: 'applicant' })).toBe(false);
    expect(isAllowed(partner, { who: 'staff' })).toBe(false);
    expect(isAllowed(applicant, { who: 'partner' })).toBe(false);
    expect(isAllowed({ kind: 'anonymous' }, { who: 'partner' })).toBe(false);
  });
});

describe('request hashes for idempotency', () => {
  it('ignore key order but not values, method or path', () => {
    const h = requestHash('POST', '/a', { x: 1, y: { b: [1, 2], a: null } });
    expect(requestHash('POST', '/a', { y: { a: null, b: [1, 2] }, x: 1 })).toBe(h);
    expect(requestHash('POST', '/a', { x: 1, y: { b: [2, 1], a: null } })).not.toBe(h);
    expect(requestHash('POST', '/b', { x: 1, y: { b: [1, 2], a: null } })).not.toBe(h);
    expect(requestHash('PUT', '/a', { x: 1, y: { b: [1, 2], a: null } })).not.toBe(h);
  });
  it('hash binary bodies byte for byte', () => {
    const a = requestHash('POST', '/u', Buffer.from([0, 1, 2]));
    expect(requestHash('POST', '/u', Buffer.from([0, 1, 2]))).toBe(a);
    expect(requestHash('POST', '/u', Buffer.from([0, 1, 3]))).not.toBe(a);
  });
  it('hash files inside a parsed multipart body by their bytes', () => {
    const form = (bytes: number[]) => ({
      documentType: 'passport',
      file: { bytes: Buffer.from(bytes), fileName: 'p.pdf', truncated: false },
    });
    const h = requestHash('POST', '/d', form([1, 2, 3]));
    expect(requestHash('POST', '/d', form([1, 2, 3]))).toBe(h);
    expect(requestHash('POST', '/d', form([1, 2, 4]))).not.toBe(h);
    expect(canonicalJson(Buffer.from('abc'))).toBe(
      '{"$sha256":"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"}',
    );
  });
  it('canonical JSON sorts keys and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 1, c: undefined }] })).toBe('{"a":[{"d":1}],"b":1}');
  });
  it('keys are 1-255 visible ASCII characters', () => {
    expect(IDEMPOTENCY_KEY.test('a')).toBe(true);
    expect(IDEMPOTENCY_KEY.test('8e03978e-40d5-43e8-bc93-6894a57f9324')).toBe(true);
    expect(IDEMPOTENCY_KEY.test('x'.repeat(255))).toBe(true);
    expect(IDEMPOTENCY_KEY.test('x'.repeat(256))).toBe(false);
    expect(IDEMPOTENCY_KEY.test('')).toBe(false);
    expect(IDEMPOTENCY_KEY.test('a b')).toBe(false);
    expect(IDEMPOTENCY_KEY.test('ą')).toBe(false);
  });
});

describe('webhook signatures', () => {
  const secret = 'whsec_test';
  const body = '{"id":"e1","type":"x.y","createdAt":"2026-12-04T00:00:00.000Z","data":{}}';
  it('are t=<unix>,v1=<HMAC-SHA256 hex of "t.body">', () => {
    // Reference value computed independently: printf '1765000000.%s' "$body" | openssl sha256 -hmac whsec_test
    const sig = signWebhook(secret, body, 1765000000);
    expect(sig).toBe(
      't=1765000000,v1=c6e3d427651b020567aa039de3ff91ab51ea2259cb3fdea7558bc245c17f44d2',
    );
    expect(verifyWebhookSignature(secret, body, sig, 1765000100)).toBe(true);
  });
  it('fail for another secret, another body, or a stale timestamp', () => {
    const sig = signWebhook(secret, body, 1765000000);
    expect(verifyWebhookSignature('other', body, sig, 1765000000)).toBe(false);
    expect(verifyWebhookSignature(secret, `${body} `, sig, 1765000000)).toBe(false);
    expect(verifyWebhookSignature(secret, body, sig, 1765000000 + 301)).toBe(false);
    expect(verifyWebhookSignature(secret, body, 'garbage', 1765000000)).toBe(false);
  });
  it('back off 30 s, doubling, capped at 6 hours', () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffMs(20)).toBe(6 * 3_600_000);
  });
});

describe('webhook addresses', () => {
  it('allow http(s) to public, private and loopback hosts', () => {
    for (const u of [
      'https://partner.example/hooks',
      'http://10.1.2.3:8080/h',
      'http://127.0.0.1:3999/h',
      'https://[2001:db8::1]/h',
    ])
      expect(webhookUrlProblem(u), u).toBeNull();
  });
  it('refuse other schemes, credentials, link-local and metadata addresses', () => {
    expect(webhookUrlProblem('ftp://x.example/')).toMatch(/http/);
    expect(webhookUrlProblem('file:///etc/passwd')).toMatch(/http/);
    expect(webhookUrlProblem('https://u:p@x.example/')).toMatch(/credentials/);
    expect(webhookUrlProblem('not a url')).toMatch(/not a URL/);
    for (const u of [
      'http://169.254.169.254/latest/meta-data',
      'http://[fe80::1]/',
      'http://[::ffff:169.254.169.254]/',
      'http://100.100.100.200/',
      'http://[fd00:ec2::254]/',
      'http://metadata.google.internal/computeMetadata/v1/',
      'http://0.0.0.0/',
    ])
      expect(webhookUrlProblem(u), u).not.toBeNull();
  });
  it('classify resolved addresses', () => {
    expect(isRefusedAddress('169.254.1.1')).toBe(true);
    expect(isRefusedAddress('::ffff:169.254.1.1')).toBe(true);
    expect(isRefusedAddress('fe80::abcd')).toBe(true);
    expect(isRefusedAddress('127.0.0.1')).toBe(false);
    expect(isRefusedAddress('93.184.216.34')).toBe(false);
    expect(isRefusedAddress('not-an-ip')).toBe(true);
  });
});
