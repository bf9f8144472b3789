/**
 * For the assistant's route tests on the real application (src/app/test-app.ts, whose server is
 * passed in: this file may not import the app): a browser that
 * comes from its own client address, because the assistant counts questions per address (and
 * `inject` would otherwise send every request from 127.0.0.1), and can sign in like a person.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, totpCode } from '../../accounts';
import { KEEP_CONVERSATION_HEADER } from './index';

let addresses = 0;
/** A new client address for every browser: 10.x.y.z, unique in this test file. */
export const nextAddress = () => {
  const n = ++addresses;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
};

export class AddressedBrowser {
  cookies = new Map<string, string>();
  constructor(
    private readonly server: FastifyInstance,
    readonly address = nextAddress(),
  ) {}

  private remember(res: LightMyRequestResponse) {
    for (const c of res.cookies) {
      if (c.value === '' || (c.maxAge !== undefined && c.maxAge <= 0)) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  get cookie() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(url: string) {
    return this.remember(
      await this.server.inject({
        method: 'GET',
        url,
        remoteAddress: this.address,
        headers: { cookie: this.cookie },
      }),
    );
  }

  /** Posts a form with the CSRF token of `formUrl` (default /assistant), or without any. */
  async post(
    url: string,
    fields: Record<string, string>,
    opts: { withToken?: boolean; formUrl?: string } = {},
  ) {
    const page = await this.get(opts.formUrl ?? '/assistant');
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    if (opts.withToken !== false && !token)
      throw new Error(`No CSRF token on ${opts.formUrl ?? '/assistant'} (${page.statusCode})`);
    const body = opts.withToken === false ? fields : { _csrf: token!, ...fields };
    return this.remember(
      await this.server.inject({
        method: 'POST',
        url,
        remoteAddress: this.address,
        headers: { cookie: this.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(body).toString(),
      }),
    );
  }

  /** The panel's and partners' API; `keep` sends the panel's keep-the-conversation header. */
  async ask(body: unknown, opts: { keep?: boolean } = {}) {
    return this.remember(
      await this.server.inject({
        method: 'POST',
        url: '/api/v1/assistant/ask',
        remoteAddress: this.address,
        headers: {
          cookie: this.cookie,
          ...(opts.keep ? { [KEEP_CONVERSATION_HEADER]: 'keep' } : {}),
        },
        payload: body as Record<string, unknown>,
      }),
    );
  }

  /** Signs in with the published demo password (staff: then the demo TOTP code, unless `mfa` is false). */
  async signIn(email: string, opts: { staff?: boolean; mfa?: boolean } = {}) {
    const res = await this.post(
      '/sign-in',
      { email, password: DEMO_PASSWORD },
      { formUrl: '/sign-in' },
    );
    if (res.statusCode !== 302 && res.statusCode !== 303)
      throw new Error(`Sign-in of ${email} failed (${res.statusCode})`);
    if (opts.staff && opts.mfa !== false)
      await this.post(
        '/sign-in/mfa',
        { code: await totpCode(DEMO_TOTP_SECRET, new Date()) },
        { formUrl: '/sign-in/mfa' },
      );
    return this;
  }
}
