import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock';
import { createCardProducerSimulator, createCourierSimulator } from './card-producer';

const DAY = 86_400_000;
const card = {
  orderId: 'o',
  attempt: 1,
  documentKind: 'passport',
  holder: {
    givenNames: 'ONA',
    surname: 'JONAITĖ',
    dateOfBirth: '1990-01-01',
    nationality: 'LTU',
    personalCode: '49001010000',
  },
};
const sequence = (...values: number[]) => {
  let i = 0;
  return () => values[i++ % values.length]!;
};

describe('card producer simulator', () => {
  it('produces after the configured days, not before', async () => {
    const clock = fixedClock('2027-03-01T08:00:00Z');
    const producer = createCardProducerSimulator({
      clock,
      random: sequence(0.9, 0.1234567),
      productionDays: 4,
      failureShare: 0.2,
    });
    const { producerOrderId } = await producer.order(card);
    clock.advance(4 * DAY - 1);
    expect(await producer.status(producerOrderId)).toEqual({ state: 'in-production' });
    clock.advance(1);
    expect(await producer.status(producerOrderId)).toEqual({
      state: 'produced',
      documentNumber: 'LT1234567',
    });
  });

  it('fails the configured share of orders with a reason', async () => {
    const clock = fixedClock('2027-03-01T08:00:00Z');
    const producer = createCardProducerSimulator({
      clock,
      random: sequence(0.05, 0.5),
      failureShare: 0.1,
    });
    const { producerOrderId } = await producer.order(card);
    clock.advance(5 * DAY);
    const status = await producer.status(producerOrderId);
    expect(status.state).toBe('failed');
    expect(status).toHaveProperty('reason', 'photo quality rejected by the printer');
  });

  it('never fails with a zero share', async () => {
    const clock = fixedClock('2027-03-01T08:00:00Z');
    const producer = createCardProducerSimulator({ clock, random: sequence(0), failureShare: 0 });
    const { producerOrderId } = await producer.order(card);
    clock.advance(5 * DAY);
    expect((await producer.status(producerOrderId)).state).toBe('produced');
    expect(await producer.status('not-ours')).toEqual({ state: 'failed', reason: 'unknown order' });
  });
});

describe('courier simulator', () => {
  it('gives a tracking reference and delivers after the configured days', async () => {
    const clock = fixedClock('2027-03-01T08:00:00Z');
    const courier = createCourierSimulator({ clock, random: sequence(0.42), deliveryDays: 2 });
    const { trackingReference } = await courier.dispatch({ orderId: 'o' });
    expect(trackingReference).toMatch(/^CR42000000-[0-9A-Z]+$/);
    clock.advance(2 * DAY - 1);
    expect(await courier.status(trackingReference)).toEqual({ state: 'in-transit' });
    clock.advance(1);
    expect((await courier.status(trackingReference)).state).toBe('delivered');
    expect(await courier.status('bogus')).toEqual({ state: 'in-transit' });
  });
});
