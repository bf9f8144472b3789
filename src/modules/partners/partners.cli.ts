import { parseArgs } from 'node:util';
import { isAppError } from '../../platform/errors';
import type { PartnersService } from './partners.service';

export const PARTNER_CREATE_USAGE =
  'partner:create --name N [--service ID]... [--country LTU]... [--webhook URL]  (prints the API key and the webhook secret once)';
export const PARTNER_REVOKE_USAGE = 'partner:revoke --id ID';

type Out = (line: string) => void;

/** `partner:create`: registers a partner and prints its secrets, the only time they are shown. */
export async function partnerCreate(service: PartnersService, args: string[], out: Out) {
  const { values } = parseArgs({
    args,
    options: {
      name: { type: 'string' },
      service: { type: 'string', multiple: true },
      country: { type: 'string', multiple: true },
      webhook: { type: 'string' },
    },
  });
  if (!values.name) {
    out(`Usage: ${PARTNER_CREATE_USAGE}`);
    return 2;
  }
  try {
    const r = await service.create({
      name: values.name,
      services: values.service ?? [],
      countries: (values.country ?? []).map((c) => c.toUpperCase()),
      ...(values.webhook ? { webhookUrl: values.webhook } : {}),
    });
    out(`Created partner ${r.partner.name} (id ${r.partner.id}).`);
    out(`Services: ${r.partner.services.join(', ') || '(none)'}`);
    out(`Countries: ${r.partner.countries.join(', ') || '(none)'}`);
    out(`API key (shown once, store it now): ${r.apiKey}`);
    if (r.webhookSecret) {
      out(`Webhook: ${r.partner.webhookUrl}`);
      out(`Webhook signing secret (shown once): ${r.webhookSecret}`);
    }
    return 0;
  } catch (e) {
    if (isAppError(e) && e.kind === 'validation') {
      out(e.message);
      return 2;
    }
    throw e;
  }
}

/** `partner:revoke`: the key stops working at once; webhooks stop too. */
export async function partnerRevoke(service: PartnersService, args: string[], out: Out) {
  const { values } = parseArgs({ args, options: { id: { type: 'string' } } });
  if (!values.id || !/^[0-9a-f-]{36}$/i.test(values.id)) {
    out(`Usage: ${PARTNER_REVOKE_USAGE}`);
    return 2;
  }
  try {
    await service.revoke(values.id);
  } catch (e) {
    if (isAppError(e) && e.code === 'PARTNER_NOT_FOUND') {
      out(`No partner with id ${values.id}.`);
      return 1;
    }
    throw e;
  }
  out(`Partner ${values.id} revoked.`);
  return 0;
}

/** `partner:list`: ids, names, key prefixes and state; never secrets. */
export async function partnerList(service: PartnersService, _args: string[], out: Out) {
  const rows = await service.list();
  if (rows.length === 0) out('No partners.');
  for (const p of rows)
    out(
      `${p.id}  vrt_${p.keyPrefix}…  ${p.revokedAt ? 'REVOKED' : 'active '}  ${p.name}  services=${p.services.join(',') || '-'}  countries=${p.countries.join(',') || '-'}`,
    );
  return 0;
}
