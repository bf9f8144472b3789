/**
 * The branch desk's day, pure: which desk serves which appointment. A slot takes as many visits
 * at once as there are desks serving its service (its capacity), so the k-th appointment booked
 * in a slot (in booking order) goes to the service's k-th desk. Desks are numbered across the
 * branch: the first service's desks first, then the next service's, so every desk has one number.
 */
import type { DayAppointment } from './desk.repository';

export interface DeskSlotRow {
  appointmentId: string;
  applicationId: string;
  serviceId: string;
  startsAt: Date;
  minutes: number;
  state: DayAppointment['state'];
}

export interface Desk {
  /** 1-based, unique in the branch for the day. */
  number: number;
  serviceId: string;
  rows: DeskSlotRow[];
}

/** `rows` as the repository gives them: by service, then start, then booking order. */
export function desksOf(rows: readonly DayAppointment[]): Desk[] {
  const byService = new Map<string, DayAppointment[]>();
  for (const r of rows) {
    if (!byService.has(r.service_id)) byService.set(r.service_id, []);
    byService.get(r.service_id)!.push(r);
  }
  const desks: Desk[] = [];
  let offset = 0;
  for (const [serviceId, list] of byService) {
    const place = new Map<string, number>();
    const ranked = list.map((r) => {
      const k = place.get(r.slot_id) ?? 0;
      place.set(r.slot_id, k + 1);
      return { r, k };
    });
    // Capacity may have been lowered after booking (never below what is booked): count both.
    const width = Math.max(...list.map((r) => r.capacity), ...place.values());
    const own: Desk[] = Array.from({ length: width }, (_, i) => ({
      number: offset + i + 1,
      serviceId,
      rows: [],
    }));
    for (const { r, k } of ranked)
      own[k]!.rows.push({
        appointmentId: r.id,
        applicationId: r.application_id,
        serviceId,
        startsAt: r.starts_at,
        minutes: r.minutes,
        state: r.state,
      });
    desks.push(...own);
    offset += width;
  }
  return desks;
}
