/**
 * A simulated application's timeline as a flat, chronological list of dated steps: what a replay
 * feeds, day by day, to the modules' services (submit, visit, request information, decide, ...).
 */
import type { SimApplication, SimOutcome } from './timeline';

export type SimEvent =
  | { on: string; type: 'submitted' }
  | { on: string; type: 'visit'; attended: boolean; place: 'branch' | 'partner' }
  | { on: string; type: 'accepted' }
  | { on: string; type: 'information-requested' }
  | { on: string; type: 'information-answered' }
  | { on: string; type: 'decided'; outcome: SimOutcome }
  | { on: string; type: 'produced' }
  | { on: string; type: 'issued' }
  | { on: string; type: 'lapsed' };

/** The steps in the order they happen (the generator keeps their days non-decreasing). */
export function timelineEvents(app: SimApplication): SimEvent[] {
  const t = app.timeline;
  const events: SimEvent[] = [{ on: app.submittedAt.slice(0, 10), type: 'submitted' }];
  for (const v of t.visits)
    events.push({ on: v.day, type: 'visit', attended: v.attended, place: v.place });
  if (t.lapsedOn) return [...events, { on: t.lapsedOn, type: 'lapsed' }];
  if (t.acceptedOn) events.push({ on: t.acceptedOn, type: 'accepted' });
  for (const q of t.informationRequests)
    events.push(
      { on: q.requestedOn, type: 'information-requested' },
      { on: q.answeredOn, type: 'information-answered' },
    );
  if (t.decision) events.push({ on: t.decision.on, type: 'decided', outcome: t.decision.outcome });
  if (t.producedOn) events.push({ on: t.producedOn, type: 'produced' });
  if (t.issuedOn) events.push({ on: t.issuedOn, type: 'issued' });
  return events;
}
