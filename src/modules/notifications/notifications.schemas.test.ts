import { describe, expect, it } from 'vitest';
import { ContactPreferencesForm, normaliseMobile } from './notifications.schemas';

const parse = (body: Record<string, string>) => ContactPreferencesForm.safeParse(body);

describe('the contact preferences form', () => {
  it('reads a mobile number as E.164, whatever spacing people type', () => {
    expect(normaliseMobile(' +370 (600) 12-345 ')).toBe('+37060012345');
    expect(normaliseMobile('00370 600 12345')).toBe('+37060012345');
    expect(parse({ mobileNumber: '+370 600 12345', smsConsent: 'yes' }).data).toEqual({
      mobileNumber: '+37060012345',
      smsConsent: 'yes',
    });
  });

  it('refuses what is not an international number, naming the field', () => {
    for (const bad of ['860012345', '+0370600', '+3706', 'call me', '+37060012345678901']) {
      const r = parse({ mobileNumber: bad });
      expect(r.success, bad).toBe(false);
      expect(r.error!.issues[0]).toMatchObject({
        path: ['mobileNumber'],
        message: 'notifications.error.mobile',
      });
    }
  });

  it('allows removing the number, but not consent without one', () => {
    expect(parse({ mobileNumber: '' }).data).toEqual({ mobileNumber: '' });
    expect(parse({}).data).toEqual({ mobileNumber: '' });
    const r = parse({ mobileNumber: '', smsConsent: 'yes' });
    expect(r.error!.issues[0]).toMatchObject({
      path: ['smsConsent'],
      message: 'notifications.error.consentWithoutNumber',
    });
  });
});
