import { describe, expect, it } from 'vitest';
import { isAppError } from '../../platform/errors';
import { DEFAULT_PACK_ROOT, loadPack } from '../catalogue';
import { loadRegistriesPack, parsePack, registriesNeeded } from './registries.pack';
import { REGISTRY_IDS } from './registries.types';

const pack = loadRegistriesPack();

describe('registries pack', () => {
  it('describes every register once, with sources, and marks its assumptions', () => {
    expect(pack.registries.map((r) => r.id).sort()).toEqual([...REGISTRY_IDS].sort());
    expect(pack.registries.find((r) => r.id === 'vsd')).toMatchObject({
      asynchronous: true,
      uncertain: true,
    });
    expect(pack.registries.filter((r) => r.asynchronous).map((r) => r.id)).toEqual(['vsd']);
  });

  it('says which registers a service and ground need', () => {
    expect(registriesNeeded(pack, 'temporary-residence-permit', 'work')).toEqual([
      'sis',
      'wanted',
      'vsd',
      'employment',
      'sodra',
    ]);
    expect(registriesNeeded(pack, 'temporary-residence-permit', 'studies')).toEqual([
      'sis',
      'wanted',
      'vsd',
    ]);
    expect(registriesNeeded(pack, 'permanent-residence-permit', 'five-years')).toContain(
      'education',
    );
    expect(registriesNeeded(pack, 'lost-document-report', 'lost')).toEqual([]);
  });

  it('names only services and grounds the catalogue has', () => {
    const services = new Map(
      loadPack(DEFAULT_PACK_ROOT).services.map((x) => [x.id, new Set(x.grounds.map((g) => g.id))]),
    );
    for (const r of pack.registries) {
      for (const n of r.neededFor) {
        expect(services.has(n.service), `${r.id}: ${n.service}`).toBe(true);
        for (const g of n.grounds ?? []) {
          expect(services.get(n.service)!.has(g), `${r.id}: ${n.service}/${g}`).toBe(true);
        }
      }
    }
  });

  it('refuses a broken pack with REGISTRIES_PACK_INVALID naming the field', () => {
    const broken = structuredClone(pack) as unknown as { registries: Record<string, unknown>[] };
    delete broken.registries[0]!.sources;
    broken.registries[1]!.uncertain = true;
    delete broken.registries[1]!.note;
    let error: unknown;
    try {
      parsePack(broken, 'registries.yaml');
    } catch (e) {
      error = e;
    }
    expect(isAppError(error) && error.code).toBe('REGISTRIES_PACK_INVALID');
    const problems = (error as { details: { problems: string[] } }).details.problems;
    expect(problems.some((p) => p.startsWith('registries.0.sources'))).toBe(true);
    expect(problems.some((p) => p.startsWith('registries.1.note'))).toBe(true);
  });
});
