import { describe, expect, it } from 'vitest';
import { desksOf } from './desk.day';
import type { DayAppointment } from './desk.repository';

const at = (hhmm: string) => new Date(`2027-04-05T${hhmm}:00Z`);
let n = 0;
const row = (serviceId: string, slot: string, capacity: number): DayAppointment => ({
  id: `a${++n}`,
  application_id: `app${n}`,
  state: 'booked',
  booked_at: at('00:00'),
  slot_id: `${serviceId}-${slot}`,
  service_id: serviceId,
  starts_at: at(slot),
  minutes: 30,
  capacity,
});

describe('which desk serves which appointment', () => {
  it('gives the k-th booking of a slot the k-th desk, numbering desks across services', () => {
    const rows = [
      row('identity-documents', '05:00', 2),
      row('identity-documents', '05:00', 2),
      row('identity-documents', '05:15', 2),
      row('temporary-residence-permit', '05:00', 3),
    ];
    const desks = desksOf(rows);
    expect(desks.map((d) => [d.number, d.serviceId, d.rows.map((r) => r.appointmentId)])).toEqual([
      [1, 'identity-documents', [rows[0]!.id, rows[2]!.id]],
      [2, 'identity-documents', [rows[1]!.id]],
      [3, 'temporary-residence-permit', [rows[3]!.id]],
      [4, 'temporary-residence-permit', []],
      [5, 'temporary-residence-permit', []],
    ]);
  });

  it('keeps a desk for every booking when capacity was lowered below what is booked', () => {
    const rows = [row('s', '05:00', 1), row('s', '05:00', 1)];
    expect(desksOf(rows).map((d) => d.rows.length)).toEqual([1, 1]);
    expect(desksOf([])).toEqual([]);
  });
});
