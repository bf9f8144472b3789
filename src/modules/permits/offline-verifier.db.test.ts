import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../app/context';
import { offlineData } from './offline-verifier';
import { offlineCsp, offlineVerifierHtml, type OfflineData } from './offline-verifier.html';
import { permitsFixture, type PermitsFixture } from './test-support';

/**
 * The offline file's own script, run in Node (which has Web Crypto, DecompressionStream and
 * the rest it needs) against the few DOM calls it makes. The browser run is the e2e test's.
 */
class Element {
  own = '';
  children: Element[] = [];
  attrs: Record<string, string> = {};
  listeners: Record<string, () => Promise<void> | void> = {};
  hidden = false;
  disabled = false;
  className = '';
  value = '';
  alt = '';
  src = '';
  get textContent(): string {
    return [this.own, ...this.children.map((c) => c.textContent)].filter(Boolean).join(' ');
  }
  set textContent(v: string) {
    this.own = v;
    this.children = [];
  }
  appendChild(c: Element) {
    this.children.push(c);
    return c;
  }
  setAttribute(k: string, v: string) {
    this.attrs[k] = v;
  }
  getAttribute(k: string) {
    return this.attrs[k] ?? null;
  }
  removeAttribute(k: string) {
    delete this.attrs[k];
  }
  addEventListener(type: string, fn: () => Promise<void> | void) {
    this.listeners[type] = fn;
  }
}

function openFile(html: string) {
  const json = /<script type="application\/json" id="vartai-data">([\s\S]*?)<\/script>/.exec(html)!;
  const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
  const ids: Record<string, Element> = {};
  const byId = (id: string) => (ids[id] ??= new Element());
  byId('vartai-data').textContent = json[1]!;
  const document = {
    getElementById: byId,
    createElement: () => new Element(),
    querySelectorAll: () => [],
    documentElement: {},
  };
  new Function('document', 'window', script)(document, { crypto: globalThis.crypto });
  return {
    data: JSON.parse(json[1]!) as OfflineData,
    script,
    async check(credential: string) {
      byId('credential').value = credential;
      await byId('verify-button').listeners.click!();
      const result = byId('result');
      return { status: result.getAttribute('data-status'), text: result.textContent };
    },
  };
}

let fx: PermitsFixture;
const applicationId = randomUUID();
let credential: string;
let other: string;

beforeAll(async () => {
  fx = await permitsFixture(MIGRATIONS_DIR);
  ({ credential } = await fx.grant({ applicationId }));
  ({ credential: other } = await fx.grant({ givenName: 'ANNA', familyName: 'SHEVCHENKO' }));
});
afterAll(async () => {
  await fx?.db.close();
});

const file = async (lang: 'en' | 'lt' = 'en') =>
  openFile(offlineVerifierHtml(await offlineData(fx.service, lang, fx.clock.now())));

describe('the offline verifier file', () => {
  it('embeds the JWKS, every status list and the texts of all four languages', async () => {
    const html = offlineVerifierHtml(await offlineData(fx.service, 'lt', fx.clock.now()));
    const { data } = openFile(html);
    expect(data.jwks).toEqual(fx.service.jwks());
    expect(data.jwks.keys[0]).not.toHaveProperty('d');
    expect(Object.keys(data.statusLists)).toEqual(['1']);
    expect(data.statusLists['1']).toBe(await fx.service.statusListJwt(1));
    expect(Object.keys(data.messages)).toEqual(['lt', 'en', 'ru', 'uk']);
    expect(data.messages.uk['status.revoked']).toBe('Анульований');
    expect(html).toContain('<html lang="lt">');
    expect(html).toContain('Duomenys iš 2026 m. gruodžio 1 d.');
    expect(html).toMatch(
      /id="credential"[\s\S]*id="verify-button"[\s\S]*data-testid="offline-result"/,
    );
    // Its policy admits exactly its own script and no network connection.
    expect(html).toContain(`content="${offlineCsp().replace(/'/g, '&#39;')}"`);
    expect(offlineCsp()).toContain("connect-src 'none'");
  });

  it('verifies a credential with Web Crypto and shows only what was disclosed', async () => {
    const f = await file();
    const r = await f.check(credential);
    expect(r.status).toBe('valid');
    expect(r.text).toContain('Valid');
    expect(r.text).toContain('OLEKSANDR');
    expect(r.text).toContain('April 12, 1988');
    const parts = credential.split('~');
    // Only the first two disclosures: the rest of the facts must not appear.
    const few = `${parts.slice(0, 3).join('~')}~`;
    const some = await f.check(few);
    expect(some.status).toBe('valid');
    expect(some.text).not.toContain('April 12, 1988');
  });

  it('rejects tampering, foreign disclosures and unknown keys with the reason', async () => {
    const f = await file();
    const [jws, ...disclosures] = credential.split('~');
    const [h, p, s] = jws!.split('.');
    const flipped = `${p!.slice(0, 20)}${p![20] === 'A' ? 'B' : 'A'}${p!.slice(21)}`;
    const tampered = await f.check([`${h}.${flipped}.${s}`, ...disclosures].join('~'));
    expect(tampered).toMatchObject({ status: 'invalid' });
    expect(tampered.text).toContain(f.data.messages.en['reason.signature']);
    expect(tampered.text).not.toContain('OLEKSANDR');

    const foreign = other.split('~')[1]!;
    const mixed = await f.check(`${jws}~${foreign}~`);
    expect(mixed.status).toBe('invalid');
    expect(mixed.text).toContain(f.data.messages.en['reason.disclosure']);

    expect((await f.check('not a credential')).text).toContain(
      f.data.messages.en['reason.malformed'],
    );

    const html = offlineVerifierHtml({
      ...(await offlineData(fx.service, 'en', fx.clock.now())),
      jwks: { keys: [] },
    });
    const unknown = await openFile(html).check(credential);
    expect(unknown.status).toBe('invalid');
    expect(unknown.text).toContain(f.data.messages.en['reason.unknown-key']);
  });

  it('reads a revocation from the status list it carries', async () => {
    const before = await file();
    await fx.tx((trx) => fx.service.revokeForApplication(applicationId, trx));
    // A file taken before the revocation cannot know of it (the page says to download again).
    expect((await before.check(credential)).status).toBe('valid');
    const after = await file('lt');
    const r = await after.check(credential);
    expect(r.status).toBe('revoked');
    expect(r.text).toContain('Panaikintas');
    expect((await after.check(other)).status).toBe('valid');
  });
});
