/** Calendar days of permits are Lithuanian days: a permit valid until 5 May ends at midnight in Vilnius. */
const DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Vilnius',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const WALL = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Vilnius',
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
});

/** The day (YYYY-MM-DD) in Vilnius at an instant. */
export const vilniusDay = (at: Date): string => DAY.format(at);

/** Vilnius's offset from UTC in minutes at an instant (+120 in winter, +180 in summer). */
function offsetMinutes(at: Date): number {
  const p = Object.fromEntries(WALL.formatToParts(at).map((x) => [x.type, x.value]));
  const wall = Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!);
  return Math.round((wall - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

/** The instant the day `day` (YYYY-MM-DD) ends in Vilnius: the next midnight there. */
export function endOfDayInVilnius(day: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const midnightUtc = new Date(Date.UTC(y, m - 1, d + 1));
  // The offset at that moment is the one in force at local midnight, except within hours of a
  // change, which never falls at midnight in Lithuania (changes are at 03:00/04:00).
  return new Date(midnightUtc.getTime() - offsetMinutes(midnightUtc) * 60_000);
}
