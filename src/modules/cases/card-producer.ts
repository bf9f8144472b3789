import type { Clock } from '../../platform/clock';

/** The holder's identity as printed on the card (Latin letters, as in the travel document). */
export interface CardHolder {
  givenNames: string;
  surname: string;
  /** YYYY-MM-DD */
  dateOfBirth: string;
  /** ISO 3166-1 alpha-3 */
  nationality: string;
  personalCode: string | null;
}

/** What the card producer needs to personalise a document (no more than it prints). */
export interface CardOrder {
  holder: CardHolder;
  /** Our order id, so a re-sent order is recognised by the producer. */
  orderId: string;
  attempt: number;
  documentKind: string;
}

export type ProducerStatus =
  | { state: 'in-production' }
  | { state: 'produced'; documentNumber: string }
  | { state: 'failed'; reason: string };

/** Port to the card producer (the state printing house): order, then poll for the outcome. */
export interface CardProducer {
  order(card: CardOrder): Promise<{ producerOrderId: string }>;
  status(producerOrderId: string): Promise<ProducerStatus>;
}

export type CourierStatus = { state: 'in-transit' } | { state: 'delivered'; at: Date };

/** Port to the courier service: hand over a parcel (tracking reference), then poll delivery. */
export interface Courier {
  dispatch(parcel: { orderId: string }): Promise<{ trackingReference: string }>;
  status(trackingReference: string): Promise<CourierStatus>;
}

/** A source of numbers in [0, 1); injected so the simulator's failures are reproducible. */
export type RandomSource = () => number;

export interface SimulatorOptions {
  clock: Clock;
  random: RandomSource;
  /** Days from order to produced document (the producer's usual turnaround). */
  productionDays?: number;
  /** Share of orders, 0..1, whose production fails. */
  failureShare?: number;
  /** Days from dispatch to delivery by courier. */
  deliveryDays?: number;
}

const DAY_MS = 86_400_000;
/** Reasons a real producer gives for a spoilt card. */
const FAILURE_REASONS = [
  'chip personalisation failed',
  'photo quality rejected by the printer',
  'laminate defect found at quality control',
] as const;

/**
 * A card producer that behaves like the real one without a network: an order is produced after
 * `productionDays`, or fails (a `failureShare` of them) with a reason. The outcome and the time
 * are encoded in the order id it hands back, so the simulator keeps no state and survives restarts
 * (the real producer keeps it on its side).
 */
export function createCardProducerSimulator(o: SimulatorOptions): CardProducer {
  const days = o.productionDays ?? 5;
  const share = o.failureShare ?? 0.05;
  return {
    async order(card) {
      const roll = o.random();
      const fails = roll < share;
      const reason = fails
        ? Math.floor((roll / Math.max(share, 1e-9)) * FAILURE_REASONS.length)
        : 0;
      const readyAt = o.clock.now().getTime() + days * DAY_MS;
      const serial = Math.floor(o.random() * 1e7)
        .toString()
        .padStart(7, '0');
      return {
        producerOrderId: `SIM-${readyAt}-${fails ? `F${reason}` : 'OK'}-${serial}-${card.attempt}`,
      };
    },
    async status(producerOrderId) {
      const m = /^SIM-(\d+)-(OK|F(\d))-(\d{7})-\d+$/.exec(producerOrderId);
      if (!m) return { state: 'failed', reason: 'unknown order' };
      if (o.clock.now().getTime() < Number(m[1])) return { state: 'in-production' };
      if (m[2] !== 'OK') {
        return { state: 'failed', reason: FAILURE_REASONS[Number(m[3])] ?? FAILURE_REASONS[0] };
      }
      // Two letters and seven digits, the shape of Lithuanian document numbers.
      return { state: 'produced', documentNumber: `LT${m[4]}` };
    },
  };
}

/** A courier that delivers `deliveryDays` after dispatch; the reference encodes when. */
export function createCourierSimulator(o: SimulatorOptions): Courier {
  const days = o.deliveryDays ?? 2;
  return {
    async dispatch() {
      const due = o.clock.now().getTime() + days * DAY_MS;
      const serial = Math.floor(o.random() * 1e8)
        .toString()
        .padStart(8, '0');
      return { trackingReference: `CR${serial}-${due.toString(36).toUpperCase()}` };
    },
    async status(ref) {
      const m = /^CR\d{8}-([0-9A-Z]+)$/.exec(ref);
      const due = m ? parseInt(m[1]!.toLowerCase(), 36) : Number.NaN;
      if (Number.isNaN(due) || o.clock.now().getTime() < due) return { state: 'in-transit' };
      return { state: 'delivered', at: new Date(due) };
    },
  };
}
