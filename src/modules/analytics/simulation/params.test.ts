import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PACK_ROOT } from '../../catalogue';
import { DEFAULT_SIMULATION_FILE, loadSimulationParams, SimulationFile } from './params';

const raw = () => parse(fs.readFileSync(DEFAULT_SIMULATION_FILE, 'utf8')) as SimulationFile;
type Levels = Record<string, { amount: number; unit: string }>;
const service = (id: string) =>
  parse(fs.readFileSync(path.join(DEFAULT_PACK_ROOT, 'services', `${id}.yaml`), 'utf8')) as {
    term?: { levels?: Levels };
    grounds: { id: string; term?: { levels?: Levels } }[];
    visit?: { required: boolean };
  };

describe('simulation parameters (content/lt/analytics/simulation.yaml)', () => {
  const params = loadSimulationParams();

  it('load, with the pack holidays', () => {
    expect(params.streams.length).toBeGreaterThan(10);
    expect(params.holidays.fixed).toContain('02-16');
  });

  it('name catalogue services and grounds that exist, and the required visit they state', () => {
    for (const s of params.streams) {
      const file = service(s.service);
      const grounds = file.grounds.map((g) => g.id);
      for (const g of Object.keys(s.grounds.weights)) expect(grounds, `${s.id}: ${g}`).toContain(g);
      if (s.visit.source === 'service') expect(s.visit.required, s.id).toBe(file.visit?.required);
    }
  });

  it('copy the legal terms of the service files wherever they cite them', () => {
    for (const s of params.streams) {
      const file = service(s.service);
      const terms = Object.keys(s.grounds.weights).map(
        (g) => [g, s.termByGround?.[g] ?? s.term] as const,
      );
      for (const [g, term] of terms) {
        if (term.source !== 'service') continue;
        const levels = file.grounds.find((x) => x.id === g)?.term?.levels ?? file.term?.levels;
        expect(levels?.general, `${s.id}/${g}`).toEqual({ amount: term.amount, unit: term.unit });
      }
    }
  });

  it('use branch codes of content/lt/branches.yaml', () => {
    const branches = parse(fs.readFileSync(path.join(DEFAULT_PACK_ROOT, 'branches.yaml'), 'utf8'));
    const codes = branches.branches.map((b: { code: string }) => b.code);
    for (const code of Object.keys(params.branches.weights)) expect(codes).toContain(code);
  });

  it('refuse a figure with neither a source nor assumption: true', () => {
    const data = raw();
    delete data.visits.noShowRate.assumption;
    const r = SimulationFile.safeParse(data);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toMatch(/source or assumption/);
  });

  it('refuse an unknown source or nationality group', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-params-'));
    const file = path.join(dir, 'simulation.yaml');
    const data = raw();
    data.streams[0]!.refusalShare.source = 'nowhere';
    fs.writeFileSync(file, JSON.stringify(data));
    expect(() => loadSimulationParams(file)).toThrow(/unknown source nowhere/);
    const other = raw();
    other.streams[0]!.nationality.weights.XX = 0.1;
    fs.writeFileSync(file, JSON.stringify(other));
    expect(() => loadSimulationParams(file)).toThrow(
      expect.objectContaining({ code: 'SIMULATION_PARAMS_INVALID' }),
    );
    fs.rmSync(dir, { recursive: true });
  });
});
