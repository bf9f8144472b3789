import { describe, expect, it } from 'vitest';
import { combinedStatus, settle } from './payments.lifecycle';

describe('settle: statuses only move forward', () => {
  it('moves a pending payment to whatever the provider reports', () => {
    expect(settle('pending', 'paid')).toBe('paid');
    expect(settle('pending', 'failed')).toBe('failed');
    expect(settle('pending', 'cancelled')).toBe('cancelled');
    expect(settle('pending', 'pending')).toBeNull();
  });

  it('never undoes paid: a late pending, failure or cancellation is ignored', () => {
    expect(settle('paid', 'pending')).toBeNull();
    expect(settle('paid', 'failed')).toBeNull();
    expect(settle('paid', 'cancelled')).toBeNull();
    expect(settle('paid', 'paid')).toBeNull();
    expect(settle('refunded', 'paid')).toBeNull();
  });

  it('records a late success after a failure, but not a step back to pending', () => {
    expect(settle('failed', 'paid')).toBe('paid');
    expect(settle('cancelled', 'paid')).toBe('paid');
    expect(settle('failed', 'pending')).toBeNull();
    expect(settle('failed', 'cancelled')).toBeNull();
  });
});

describe('combinedStatus of a reference', () => {
  const at = (s: string) => new Date(s);
  it('says paid when any payment is paid, then pending, then the latest outcome', () => {
    expect(combinedStatus([])).toBe('none');
    expect(
      combinedStatus([
        { status: 'failed', created_at: at('2026-01-01') },
        { status: 'paid', created_at: at('2026-01-02') },
      ]),
    ).toBe('paid');
    expect(
      combinedStatus([
        { status: 'pending', created_at: at('2026-01-01') },
        { status: 'failed', created_at: at('2026-01-02') },
      ]),
    ).toBe('pending');
    expect(
      combinedStatus([
        { status: 'failed', created_at: at('2026-01-01') },
        { status: 'cancelled', created_at: at('2026-01-02') },
      ]),
    ).toBe('cancelled');
  });
});
