import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { createCatalogueModule } from '../catalogue';
import { capacityOf, openingOn, slotsOn, vilniusInstant } from './calendar';
import { DEFAULT_BRANCHES_FILE, loadBranchesPack, type BranchesPack } from './calendar.pack';

const catalogue = createCatalogueModule();
const holidays = catalogue.pack.holidays;
const pack = loadBranchesPack();

describe('the branches pack', () => {
  it('lists the branches with known addresses, for services the catalogue has', () => {
    expect(pack.branches.map((b) => b.code)).toEqual(['VLN', 'KNS', 'KLP', 'SIA', 'PNV', 'MAZ']);
    const services = [
      ...Object.keys(pack.capacity.services),
      ...pack.branches.flatMap((b) => Object.keys(b.capacity ?? {})),
    ];
    for (const s of services) expect(catalogue.findService(s), s).toBeDefined();
    // Desks and visit lengths are not in the research: the pack says so.
    expect(pack.capacity.uncertain).toBe(true);
  });

  it('stops loading on a broken file, naming the field', () => {
    const raw = fs.readFileSync(DEFAULT_BRANCHES_FILE, 'utf8');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vartai-branches-'));
    const write = (change: (p: BranchesPack) => unknown) => {
      const file = path.join(dir, 'branches.yaml');
      fs.writeFileSync(file, stringify(change(structuredClone(loadBranchesPack()))));
      return file;
    };
    const dup = write((p) => ({ ...p, branches: [...p.branches, p.branches[0]] }));
    expect(() => loadBranchesPack(dup)).toThrow(/branches\.6\.code: duplicate VLN/);
    const source = write((p) => ({ ...p, hours: { ...p.hours, source: 'nowhere' } }));
    expect(() => loadBranchesPack(source)).toThrow(/hours\.source: unknown source nowhere/);
    const late = write((p) => ({
      ...p,
      hours: { ...p.hours, week: { mon: { open: '17:00', close: '09:00' } } },
    }));
    expect(() => loadBranchesPack(late)).toThrow(/hours\.week\.mon: opens after it closes/);
    expect(raw.length).toBeGreaterThan(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('branch calendars', () => {
  it('opens on working days only: not at weekends, not on Easter Monday', () => {
    // Easter Sunday 2027 is 28 March.
    expect(openingOn(pack, 'VLN', '2027-03-29', holidays)).toBeNull();
    expect(openingOn(pack, 'VLN', '2027-03-30', holidays)).toEqual({
      open: '07:30',
      close: '16:30',
    });
    expect(openingOn(pack, 'VLN', '2027-03-27', holidays)).toBeNull(); // Saturday
    expect(openingOn(pack, 'VLN', '2027-02-16', holidays)).toBeNull(); // State Restoration Day
    expect(openingOn(pack, 'XXX', '2027-03-30', holidays)).toBeNull();
  });

  it('closes a branch on its own closure days', () => {
    const closed: BranchesPack = { ...pack, closures: [{ day: '2027-03-30', branches: ['KNS'] }] };
    expect(openingOn(closed, 'KNS', '2027-03-30', holidays)).toBeNull();
    expect(openingOn(closed, 'VLN', '2027-03-30', holidays)).not.toBeNull();
  });

  it('offers whole slots between opening and closing, shorter on Fridays', () => {
    // Monday 07:30–16:30 in 30-minute visits: 18 slots, the last at 16:00.
    const monday = slotsOn(pack, 'KNS', 'temporary-residence-permit', '2027-04-05', holidays);
    expect(monday).toHaveLength(18);
    expect(monday.at(-1)!.start).toBe('16:00');
    // Friday closes at 15:15: the last whole 30-minute visit starts at 14:30.
    const friday = slotsOn(pack, 'KNS', 'temporary-residence-permit', '2027-04-09', holidays);
    expect(friday).toHaveLength(15);
    expect(friday.at(-1)!.start).toBe('14:30');
    expect(slotsOn(pack, 'KNS', 'national-visa', '2027-04-05', holidays)).toEqual([]);
  });

  it('takes a branch’s own desks over the common ones', () => {
    expect(capacityOf(pack, 'VLN', 'temporary-residence-permit')).toEqual({
      desks: 4,
      slotMinutes: 30,
    });
    expect(capacityOf(pack, 'KNS', 'temporary-residence-permit')).toEqual({
      desks: 2,
      slotMinutes: 30,
    });
  });

  it('places Vilnius times on the right instant in winter and summer', () => {
    expect(vilniusInstant('2027-01-15', '07:30').toISOString()).toBe('2027-01-15T05:30:00.000Z');
    expect(vilniusInstant('2027-07-15', '07:30').toISOString()).toBe('2027-07-15T04:30:00.000Z');
    // The clocks go forward at 03:00 on 28 March 2027.
    expect(vilniusInstant('2027-03-28', '02:30').toISOString()).toBe('2027-03-28T00:30:00.000Z');
    expect(vilniusInstant('2027-03-28', '04:00').toISOString()).toBe('2027-03-28T01:00:00.000Z');
    const slot = slotsOn(pack, 'VLN', 'identity-documents', '2027-07-15', holidays)[0]!;
    expect(slot).toMatchObject({ start: '07:30', desks: 3, minutes: 15 });
    expect(slot.startsAt.toISOString()).toBe('2027-07-15T04:30:00.000Z');
  });
});
